import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultKinds, runChaos } from '../chaos/chaos-run.ts';
import { OwnPostgres } from '../chaos/own-postgres.ts';
import { rabbitmqInstalled, type RabbitCluster } from '../support/rabbit-cluster.ts';
import { runFailover } from './failover-scenario.ts';
import { ownCluster } from './own-cluster.ts';

// Three RabbitMQ nodes of its own (a minute or more to start on two loaded cores), shared by
// the failover tests and the short chaos run: one file, so that `npm test` never runs two
// clusters at once. Skipped only where rabbitmq-server is not installed.
describe.skipIf(!rabbitmqInstalled)('a 3-node RabbitMQ cluster', () => {
  let cluster: RabbitCluster;
  beforeAll(async () => { cluster = await ownCluster('cluster-test'); }, 480_000); // above the nodes' own boot bounds, so their error (with the log's end) is the one reported
  afterAll(() => cluster?.stop(true), 120_000);

  it('keeps handling when the node the process is connected to stops: the connection moves to the next node, nothing lost or applied twice', async () => {
    const result = await runFailover({ cluster, victim: 'connected', messages: 400, rate: 100 });
    expect(result.members).toHaveLength(3); // the mailbox is a quorum queue replicated on every node
    expect(result.connectedAfter).not.toBe(result.connectedBefore);
    expect(result.leaderAfter).not.toBe(result.stoppedNode);
    expect({ lost: result.lost, doubled: result.doubled, applied: result.applied }).toEqual({ lost: 0, doubled: 0, applied: 400 });
  }, 360_000);

  it('keeps handling when the mailbox leader\'s node stops: another replica leads, nothing lost or applied twice', async () => {
    const result = await runFailover({ cluster, victim: 'leader', messages: 400, rate: 100 });
    expect(result.connectedAfter).toBe(result.connectedBefore); // its connection was elsewhere
    expect(result.leaderBefore).toBe(result.stoppedNode);
    expect(result.leaderAfter).not.toBe(result.stoppedNode);
    expect({ lost: result.lost, doubled: result.doubled, applied: result.applied }).toEqual({ lost: 0, doubled: 0, applied: 400 });
  }, 360_000);

  // The short chaos run (docs/scaling.md, Chaos; `npm run chaos` is the long one): three app
  // processes, 30 s of load, each fault kind once, the delivery hooks duplicating and dropping
  // 10 % all along, on a Postgres of its own (port 5433) so that its restart touches no other test.
  it('the short chaos run loses nothing and applies nothing twice: a node stopped, every connection closed, a process SIGKILLed, Postgres restarted', async () => {
    const postgres = new OwnPostgres();
    await postgres.start();
    const result = await runChaos({
      cluster, postgres,
      loadSeconds: 30, faultGapSeconds: 8, minEachFault: 1,
      faultKinds: parseFaultKinds('node,connections,kill,postgres'),
      beatsPerSecond: 40, duplicate: 0.1, drop: 0.1, settleSeconds: 180,
    });
    expect(result.faults).toMatchObject({ brokerNodeStopped: 1, connectionsClosed: 1, appKilled: 1, postgresRestarted: 1 });
    expect(result.injected.duplicated).toBeGreaterThan(0);
    expect(result.injected.dropped).toBeGreaterThan(0);
    expect(result.messages).toBeGreaterThan(1_000);
    expect(result.verdicts.flatMap((v) => v.problems)).toEqual([]);
    expect({ lost: result.lost, doubled: result.doubled }).toEqual({ lost: 0, doubled: 0 });
  }, 1_200_000);
});
