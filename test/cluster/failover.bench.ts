/**
 * `npm run bench:failover`: on a 3-node cluster (the one `npm run cluster:up` started, or
 * one of its own when none runs), one process handles a steady stream of messages while
 * a node is stopped with `rabbitmqctl stop_app` and started again: first the node the
 * process is connected to, then the node of its mailbox's quorum-queue leader. Prints,
 * per case, the time from the stop to the first message handled after the interruption,
 * the longest pause, and whether every message was applied exactly once.
 * FAILOVER_MESSAGES (default 3000), FAILOVER_RATE (messages/s, default 200).
 * Last line: {"connected":{…},"leader":{…}}. Exits 1 when a message was lost or doubled.
 */
import { execSync } from 'node:child_process';
import process from 'node:process';
import { RabbitCluster } from '../support/rabbit-cluster.ts';
import { runFailover, type FailoverResult } from './failover-scenario.ts';
import { ownCluster } from './own-cluster.ts';

const messages = Number(process.env.FAILOVER_MESSAGES ?? 3000);
const rate = Number(process.env.FAILOVER_RATE ?? 200);
const running = await RabbitCluster.read(process.env.CLUSTER_DIR ?? '/tmp/milk-factory-cluster');
const upAlready = running !== undefined && (await running.runningNodes(0).then((nodes) => nodes.length === running.nodes.length, () => false));
const own = upAlready ? undefined : await ownCluster('failover-bench');
const cluster = upAlready ? running! : own!;
console.log(`cluster: ${cluster.nodes.map((n) => n.name).join(', ')} (${upAlready ? 'from cluster:up' : 'started for this run'}); ${messages} messages at ${rate}/s per case`);
const results: FailoverResult[] = [];
try {
  for (const victim of ['connected', 'leader'] as const) {
    console.log(`load before: ${execSync('uptime').toString().trim()}`);
    const result = await runFailover({ cluster, victim, messages, rate });
    results.push(result);
    console.log(`stopped ${result.victim === 'connected' ? 'the node the process is connected to' : 'the mailbox leader\'s node'} (${result.stoppedNode}): `
      + `connection ${result.connectedBefore} → ${result.connectedAfter}, leader ${result.leaderBefore} → ${result.leaderAfter}, replicas ${result.members.length}; `
      + `stop_app took ${result.stopTookMs} ms; resumed ${result.resumedAfterMs} ms after the stop was issued (longest pause in handling ${result.stallMs} ms); sent ${result.sent}, applied ${result.applied}, lost ${result.lost}, doubled ${result.doubled}`);
  }
} finally {
  await own?.stop(true);
}
console.log(JSON.stringify(Object.fromEntries(results.map((r) => [r.victim, { resumedAfterMs: r.resumedAfterMs, stallMs: r.stallMs, stopTookMs: r.stopTookMs, sent: r.sent, lost: r.lost, doubled: r.doubled }]))));
process.exitCode = results.every((r) => r.lost === 0 && r.doubled === 0) ? 0 : 1;
