/**
 * `npm run chaos` (not part of `npm test`; test/cluster/cluster.test.ts runs a short variant):
 * three app processes over a 3-node RabbitMQ cluster (the one `npm run cluster:up` started,
 * else one of its own) and a Postgres cluster of its own (`pg_createcluster 15 chaos -p 5433`,
 * the only one it restarts), under load (open-bank transfers, restaurant and deadline-orders
 * orders) while faults are injected in turn, each several times; then each landscape's
 * invariants. Prints the faults, the messages handled, lost, doubled and the longest stall;
 * the last line is one JSON object. Exits 1 when an invariant fails.
 * CHAOS_SECONDS (load, default 240), CHAOS_FAULT_GAP (s between faults, default 8),
 * CHAOS_MIN_EACH (each fault kind at least this often, the load going on meanwhile; default 3),
 * CHAOS_FAULTS (the fault kinds, comma-separated, in turn: node, connections, kill, postgres;
 * `none` for the delivery hooks only; default node,connections,kill: Postgres restarts are left
 * out until the persistence layer survives them),
 * CHAOS_BEATS (open-bank heartbeat beats/s, default 40), CHAOS_DUPLICATE / CHAOS_DROP (0.1).
 */
import { execSync } from 'node:child_process';
import process from 'node:process';
import { ownCluster } from '../cluster/own-cluster.ts';
import { RabbitCluster } from '../support/rabbit-cluster.ts';
import { parseFaultKinds, runChaos, type ChaosResult } from './chaos-run.ts';
import { OwnPostgres } from './own-postgres.ts';

const running = await RabbitCluster.read(process.env.CLUSTER_DIR ?? '/tmp/milk-factory-cluster');
const upAlready = running !== undefined && (await running.runningNodes(0).then((nodes) => nodes.length === running.nodes.length, () => false));
const own = upAlready ? undefined : await ownCluster('chaos');
const cluster = upAlready ? running! : own!;
const pg = new OwnPostgres();
await pg.start();
const load = () => execSync('uptime').toString().trim();
console.log(`cluster ${cluster.nodes.map((n) => n.name).join(', ')} (${upAlready ? 'from cluster:up' : 'started for this run'}); Postgres ${pg.version}/${pg.name} on :${pg.port}`);
console.log(`load before: ${load()}`);
let result: ChaosResult;
try {
  result = await runChaos({
    cluster,
    postgres: pg,
    loadSeconds: Number(process.env.CHAOS_SECONDS ?? 240),
    faultGapSeconds: Number(process.env.CHAOS_FAULT_GAP ?? 8),
    minEachFault: Number(process.env.CHAOS_MIN_EACH ?? 3),
    faultKinds: parseFaultKinds(process.env.CHAOS_FAULTS),
    beatsPerSecond: Number(process.env.CHAOS_BEATS ?? 40),
    duplicate: Number(process.env.CHAOS_DUPLICATE ?? 0.1),
    drop: Number(process.env.CHAOS_DROP ?? 0.1),
    settleSeconds: 180,
    log: (line) => console.log(line),
  });
} finally {
  await own?.stop(true);
}
console.log(`load after: ${load()}`);
console.log('');
console.log(formatTable(result));
for (const verdict of result.verdicts) for (const problem of verdict.problems) console.log(`INVARIANT FAILED (${verdict.landscape}): ${problem}`);
const ok = result.verdicts.every((v) => v.problems.length === 0);
console.log(ok ? 'CHAOS OK: every invariant holds' : 'CHAOS FAILED');
console.log(JSON.stringify({ messages: result.messages, faults: { ...result.faults, deliveriesDuplicated: result.injected.duplicated, deliveriesDropped: result.injected.dropped }, lost: result.lost, doubled: result.doubled, longestStallMs: result.longestStallMs }));
process.exit(ok ? 0 : 1);

function formatTable(r: ChaosResult): string {
  const rows: Array<[string, string | number]> = [
    ['broker node stopped + started (stop_app/start_app)', r.faults.brokerNodeStopped],
    ['all connections closed (management API)', r.faults.connectionsClosed],
    ['app process SIGKILLed + restarted', r.faults.appKilled],
    ['Postgres restarted (own cluster)', r.faults.postgresRestarted],
    ['deliveries duplicated (runtime hook)', r.injected.duplicated],
    ['deliveries dropped = requeued (runtime hook)', r.injected.dropped],
    ['messages handled (inbox rows)', r.messages],
    ['REST: transfers / restaurant orders / deadline orders', `${r.load.transfersPosted} / ${r.load.ordersPlaced} / ${r.load.deadlineOrdersPlaced}`],
    ...r.verdicts.map((v): [string, string] => [`${v.landscape}: checked / lost / doubled`, `${v.checked} / ${v.lost} / ${v.doubled}`]),
    ['parked in the dead-letter office', r.parked.map((p) => `${p.n}× ${p.service} ${p.type ?? '?'} (${p.reason}${p.error ? `: ${p.error}` : ''})`).join('; ') || 0],
    ['lost', r.lost],
    ['doubled', r.doubled],
    ['longest stall (ms without a handled message)', r.longestStallMs],
    ['run (s)', r.seconds],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
