import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rabbitmqInstalled, type RabbitCluster } from '../support/rabbit-cluster.ts';
import { runFailover } from './failover-scenario.ts';
import { ownCluster } from './own-cluster.ts';

// Three RabbitMQ nodes of its own (one to three minutes to start on two loaded cores),
// shared by the failover tests; skipped only where rabbitmq-server is not installed.
// The short chaos run is test/chaos/chaos.test.ts (without Postgres restarts, which still
// kill app processes inside postgres.js; docs/scaling.md, Chaos).
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
});
