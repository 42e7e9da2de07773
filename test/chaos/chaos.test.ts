import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownCluster } from '../cluster/own-cluster.ts';
import { RabbitCluster, rabbitmqInstalled } from '../support/rabbit-cluster.ts';
import { parseFaultKinds, runChaos } from './chaos-run.ts';
import { OwnPostgres } from './own-postgres.ts';

// The short chaos run (docs/scaling.md, Chaos): 30 s of load over three app processes on a
// 3-node cluster (the one `npm run cluster:up` started, else one of its own), each fault kind
// once, the delivery hooks duplicating and dropping 10 % all along. Postgres restarts are left
// out until the persistence layer survives them (the pg-restart work). Minutes on two loaded
// cores: a node's stop_app alone took over a minute in the runs so far. In `npm test` since it
// passed three runs in a row (2026-12-06, 183–323 s each, on the cluster:up cluster).
describe.skipIf(!rabbitmqInstalled)('the short chaos run', () => {
  let cluster: RabbitCluster;
  let own: RabbitCluster | undefined;
  const postgres = new OwnPostgres();
  beforeAll(async () => {
    const running = await RabbitCluster.read(process.env.CLUSTER_DIR ?? '/tmp/milk-factory-cluster');
    const up = running !== undefined && (await running.runningNodes(0).then((nodes) => nodes.length === running.nodes.length, () => false));
    own = up ? undefined : await ownCluster('chaos-test');
    cluster = up ? running! : own!;
    await postgres.start();
  }, 300_000);
  afterAll(() => own?.stop(true), 120_000);

  it('loses nothing and applies nothing twice under a node stop, all connections closed and a process SIGKILLed', async () => {
    const result = await runChaos({
      cluster, postgres,
      loadSeconds: 30, faultGapSeconds: 8, minEachFault: 1,
      faultKinds: parseFaultKinds('node,connections,kill'),
      beatsPerSecond: 40, duplicate: 0.1, drop: 0.1, settleSeconds: 180,
    });
    expect(result.faults).toMatchObject({ brokerNodeStopped: 1, connectionsClosed: 1, appKilled: 1 });
    expect(result.injected.duplicated).toBeGreaterThan(0);
    expect(result.injected.dropped).toBeGreaterThan(0);
    expect(result.messages).toBeGreaterThan(1_000);
    expect(result.verdicts.flatMap((v) => v.problems)).toEqual([]);
    expect({ lost: result.lost, doubled: result.doubled }).toEqual({ lost: 0, doubled: 0 });
  }, 1_200_000);
});
