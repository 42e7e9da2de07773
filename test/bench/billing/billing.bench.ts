/**
 * `npm run bench:billing`: one billing job over RUNNING contracts written into billing's and
 * pricing's tables, to `BillingJobCompleted`, then every contract-day checked in SQL. Twice,
 * each in its own namespace: billing's actors alone (the job started as `POST /billing/runs`
 * starts it, in billing's transaction), and as `npm start` runs it (REST, and the gateway's
 * stream getting every event; `BILLING_EDGE=0` skips it). Baseline in the same process: the
 * same bills written by set-based SQL alone (one transaction, no message).
 * Last line (billing alone): `{"contracts","days","bills","seconds","contractsPerSecond","doubleBilled","missing"}`.
 */
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { billingActor } from '../../../services/milk-factory/billing/billing-actor.ts';
import { startJob } from '../../../services/milk-factory/billing/start-job.ts';
import { TestSystems, testDatabase } from '../../support/actor-system.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { envInt } from '../env-int.ts';
import { within } from '../pipeline.ts';
import { billingActors, completionWatcher, measureJob, type JobRun } from './billing-run.ts';
import { sqlFloor } from './sql-floor.ts';

const contracts = envInt('BILLING_CONTRACTS', 10_000);
const days = envInt('BILLING_DAYS', 7);
const maxGroupSize = envInt('BILLING_GROUP_SIZE', 1_000);
const withEdge = process.env.BILLING_EDGE !== '0';
const date = '2023-06-30';
const firstDay = new Date(Date.parse(`${date}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
const timeout = envInt('BILLING_TIMEOUT_MS', 300_000);
const sql = testDatabase();

async function alone(): Promise<{ run: JobRun; floor: number }> {
  const systems = new TestSystems('bench-billing');
  try {
    const watcher = completionWatcher();
    const system = await systems.start({ actors: billingActors(watcher.actor), database: true });
    const floor = await sqlFloor(sql, systems.namespace, contracts, firstDay, date);
    const run = await measureJob(sql, systems.namespace, { contracts, firstDay, date, timeout, completed: watcher.completed,
      start: async () => (await system.transaction(billingActor, {}, (context) => startJob(context, { date, maxGroupSize }))).jobId });
    return { run, floor: floor.seconds };
  } finally {
    await within(systems.cleanup(), 30_000, 'cleaning up').catch((error: unknown) => console.error(`clean-up: ${String(error)}`));
  }
}

async function asStarted(): Promise<{ run: JobRun; onStream: number }> {
  const watcher = completionWatcher();
  const edge = await TestEdge.start('bench-billing-edge', [milkfactoryLandscape], { actors: billingActors(watcher.actor) });
  try {
    const session = `bench-${crypto.randomUUID().slice(0, 8)}`;
    const stream = await edge.stream('milk-factory', `?sessionId=${session}&type=BillingJobCompleted`, { as: 'admin' });
    let posted = 0;
    const run = await measureJob(sql, edge.namespace, { contracts, firstDay, date, timeout, completed: watcher.completed, start: async () => {
      posted = performance.now();
      return (await edge.expect(202, 'POST', '/api/milk-factory/billing/runs', { as: 'admin', sessionId: session, body: { date, maxGroupSize } })).jobId;
    } });
    await stream.waitForMessage((m) => m.type === 'BillingJobCompleted', 'BillingJobCompleted on the stream', timeout);
    return { run, onStream: (performance.now() - posted) / 1000 };
  } finally {
    await within(edge.cleanup(), 30_000, 'cleaning up').catch((error: unknown) => console.error(`clean-up: ${String(error)}`));
  }
}

async function main(): Promise<void> {
  console.log(`${contracts.toLocaleString('en-US')} contracts × ${days} days (${firstDay} … ${date}), groups of up to ${maxGroupSize}`);
  const { run, floor } = await alone();
  const started = withEdge ? await asStarted() : undefined;
  const rows: Array<[string, string]> = [['baseline: the same bills by set-based SQL alone', `${floor.toFixed(2)} s (${rate(floor)} contracts/s)`]];
  const describe = (name: string, r: JobRun) => rows.push(
    [`${name}: start → BillingJobCompleted`, `${r.seconds.toFixed(2)} s (${rate(r.seconds)} contracts/s, ${(r.seconds / floor).toFixed(1)} × SQL alone; started in ${r.accepted.toFixed(2)} s)`],
    ['  bills stored / counted by the job; contract-days twice / missing', `${r.bills} / ${r.counted}; ${r.doubleBilled} / ${r.missing}`],
    ['  CPU s: this process / every broker / every Postgres on the machine', `${r.cpu.process.toFixed(1)} / ${fmt(r.cpu.broker)} / ${fmt(r.cpu.postgres)}`],
    ...r.phases,
  );
  describe('billing alone', run);
  if (started) {
    describe('as npm start runs it (REST, the gateway\'s stream)', started.run);
    rows.push(['  BillingJobCompleted on the admin\'s stream (behind the BillCreated the gateway passes on)', `${started.onStream.toFixed(2)} s`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  const { bills, doubleBilled, missing, seconds } = run;
  console.log(JSON.stringify({ contracts, days, bills, seconds: Math.round(seconds * 100) / 100, contractsPerSecond: Number(rate(seconds).replace(/,/g, '')), doubleBilled, missing }));
}

function rate(seconds: number): string {
  return Math.round(contracts / seconds).toLocaleString('en-US');
}

function fmt(seconds: number | undefined): string {
  return seconds === undefined ? '-' : seconds.toFixed(1);
}

const watchdog = setTimeout(() => {
  console.error(`benchmark did not finish within ${2 * timeout + 60_000} ms; giving up`);
  process.exit(1);
}, 2 * timeout + 60_000);

main().then(
  async () => {
    clearTimeout(watchdog);
    await sql.end();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
