import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rabbitmqInstalled, type RabbitCluster } from '../support/rabbit-cluster.ts';
import { runChaos } from '../chaos/chaos-run.ts';
import { OwnPostgres } from '../chaos/own-postgres.ts';
import { runFailover } from './failover-scenario.ts';
import { ownCluster } from './own-cluster.ts';

// Three RabbitMQ nodes of its own (one to three minutes to start on two loaded cores),
// shared by the failover tests and the short chaos run; skipped only where
// rabbitmq-server is not installed.
describe.skipIf(!rabbitmqInstalled)('a 3-node RabbitMQ cluster', () => {
  let cluster: RabbitCluster;
  beforeAll(async () => { cluster = await ownCluster('cluster-test'); }, 240_000);
  afterAll(() => cluster?.stop(true), 120_000);

  it('keeps handling when the node the process is connected to stops: the connection moves to the next node, nothing lost or applied twice', async () => {
    const result = await runFailover({ cluster, victim: 'connected', messages: 400, rate: 100 });
    expect(result.members).toHaveLength(3); // the mailbox is a quorum queue replicated on every node
    expect(result.connectedAfter).not.toBe(result.connectedBefore);
    expect(result.leaderAfter).not.toBe(result.stoppedNode);
    expect({ lost: result.lost, doubled: result.doubled, applied: result.applied }).toEqual({ lost: 0, doubled: 0, applied: 400 });
  }, 240_000);

  it('keeps handling when the mailbox leader\'s node stops: another replica leads, nothing lost or applied twice', async () => {
    const result = await runFailover({ cluster, victim: 'leader', messages: 400, rate: 100 });
    expect(result.connectedAfter).toBe(result.connectedBefore); // its connection was elsewhere
    expect(result.leaderBefore).toBe(result.stoppedNode);
    expect(result.leaderAfter).not.toBe(result.stoppedNode);
    expect({ lost: result.lost, doubled: result.doubled, applied: result.applied }).toEqual({ lost: 0, doubled: 0, applied: 400 });
  }, 240_000);

  it('survives chaos (the short variant of npm run chaos): every fault kind once, duplicates and drops, and every landscape\'s invariants hold', async () => {
    const pg = new OwnPostgres();
    await pg.start();
    const result = await runChaos({
      cluster, postgres: pg, loadSeconds: 30, faultGapSeconds: 3, minEachFault: 1, beatsPerSecond: 20, duplicate: 0.1, drop: 0.1, settleSeconds: 150,
    });
    expect(result.faults).toEqual({ brokerNodeStopped: 1, connectionsClosed: 1, appKilled: 1, postgresRestarted: 1 });
    expect(result.injected.duplicated).toBeGreaterThan(0);
    expect(result.injected.dropped).toBeGreaterThan(0);
    // Every landscape's verdict at once, so a failure shows all of them.
    expect(result.verdicts.map((v) => ({ landscape: v.landscape, problems: v.problems }))).toEqual(result.verdicts.map((v) => ({ landscape: v.landscape, problems: [] })));
    expect({ lost: result.lost, doubled: result.doubled }).toEqual({ lost: 0, doubled: 0 });
    expect(result.verdicts.every((v) => v.checked > 0)).toBe(true);
  }, 600_000);
});
