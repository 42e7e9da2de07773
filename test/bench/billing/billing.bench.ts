/**
 * `npm run bench:billing`: one billing job over RUNNING contracts, end to end as `npm start`
 * runs it (REST, the orchestrators, pricing, the outbox, the gateway's stream getting every
 * event): `POST /billing/runs` → `BillingJobCompleted` (where an actor receives it, and on the
 * admin's session stream), then every contract-day checked in SQL. Baseline in the same process: the same bills written by
 * set-based SQL alone (one transaction, no message), on as many other contracts.
 * Last line: `{"contracts":…,"days":…,"bills":…,"seconds":…,"contractsPerSecond":…,"doubleBilled":…,"missing":…}`.
 */
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { billingActor } from '../../../services/milk-factory/billing/billing-actor.ts';
import { groupOrchestrator } from '../../../services/milk-factory/billing/group/group-orchestrator.ts';
import { jobOrchestrator } from '../../../services/milk-factory/billing/job/job-orchestrator.ts';
import { pricingActor } from '../../../services/milk-factory/pricing/pricing-actor.ts';
import { defineActor, schemaName } from '../../../actors/mod.ts';
import { eventually, testDatabase } from '../../support/actor-system.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { envInt } from '../env-int.ts';
import { localCpu } from '../local-cpu.ts';
import { within } from '../pipeline.ts';
import { sqlFloor } from './sql-floor.ts';
import { seedRunningContracts, tables, verifyBilledOnce } from './seed-billing.ts';

const contracts = envInt('BILLING_CONTRACTS', 10_000);
const days = envInt('BILLING_DAYS', 7);
const maxGroupSize = envInt('BILLING_GROUP_SIZE', 1_000);
const date = '2023-06-30';
const firstDay = new Date(Date.parse(`${date}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
const timeout = envInt('BILLING_TIMEOUT_MS', 300_000);

const readBrokerCpu = localCpu('beam.smp');
const readPostgresCpu = localCpu('postgres');

async function main(): Promise<void> {
  // BillingJobCompleted is timed where an actor receives it; the admin's stream gets it behind
  // every BillCreated the gateway still has to pass on, so that time is shown on its own.
  const completions = new Map<string, number>();
  const watcher = defineActor({ landscape: 'milk-factory', service: 'bench-watcher', events: {
    BillingJobCompleted: (m) => { completions.set(m.data.jobId as string, performance.now()); },
  } });
  const edge = await TestEdge.start('bench-billing', [milkfactoryLandscape], { actors: [pricingActor, billingActor, jobOrchestrator, groupOrchestrator, watcher] });
  const sql = testDatabase();
  try {
    console.log(`namespace ${edge.namespace}: ${contracts.toLocaleString('en-US')} contracts × ${days} days (${firstDay} … ${date}), groups of up to ${maxGroupSize}`);
    const floor = await sqlFloor(sql, edge.namespace, contracts, firstDay, date);
    await seedRunningContracts(sql, edge.namespace, contracts, firstDay, 'bench-');
    await sql.unsafe(`analyze ${tables(edge.namespace).contracts}; analyze ${tables(edge.namespace).prices}`);

    const session = `bench-${crypto.randomUUID().slice(0, 8)}`;
    const stream = await edge.stream('milk-factory', `?sessionId=${session}&type=BillingJobCompleted`, { authorization: `Bearer ${await edge.login('admin')}` });
    const cpu = { client: process.cpuUsage(), broker: readBrokerCpu(), postgres: readPostgresCpu() };
    const started = performance.now();
    const job = await edge.expect(202, 'POST', '/api/milk-factory/billing/runs', { as: 'admin', sessionId: session, body: { date, maxGroupSize } });
    const accepted = performance.now();
    const completedAt = await eventually(() => completions.get(job.jobId), timeout, 'BillingJobCompleted');
    const seconds = (completedAt - started) / 1000;
    const used = process.cpuUsage(cpu.client);
    const broker = spent(cpu.broker, readBrokerCpu());
    const postgres = spent(cpu.postgres, readPostgresCpu());
    const completed = await stream.waitForMessage((m) => m.type === 'BillingJobCompleted' && m.data.jobId === job.jobId, 'BillingJobCompleted on the stream', timeout);
    const onStream = (performance.now() - started) / 1000;

    const checked = await verifyBilledOnce(sql, edge.namespace, 'bench-', date);
    const [stored] = await sql.unsafe(`select bills from ${tables(edge.namespace).jobs} where job_id = $1`, [job.jobId]);
    const contractsPerSecond = contracts / seconds;
    const rows: Array<[string, string]> = [
      ['contracts × days', `${contracts.toLocaleString('en-US')} × ${days}`],
      ['groups', String(job.groups)],
      ['POST /billing/runs → 202 (selection, grouping, job row)', `${((accepted - started) / 1000).toFixed(2)} s`],
      ['→ BillingJobCompleted (received by an actor)', `${seconds.toFixed(2)} s`],
      ['→ BillingJobCompleted on the admin\'s SSE stream (behind the BillCreated the gateway passes on)', `${onStream.toFixed(2)} s`],
      ['contracts per second', contractsPerSecond.toFixed(0)],
      ['bills per second', ((checked.bills) / seconds).toFixed(0)],
      ['BillingJobCompleted.bills / job counters / stored', `${completed.data.bills} / ${stored!.bills} / ${checked.bills}`],
      ['contract-days billed twice / missing', `${checked.doubleBilled} / ${checked.missing}`],
      ['CPU to the completion: this process (actors + gateway) / every broker / every Postgres process on the machine, s', `${((used.user + used.system) / 1e6).toFixed(1)} / ${fmtCpu(broker)} / ${fmtCpu(postgres)}`],
      ['baseline: the same bills by set-based SQL alone', `${floor.seconds.toFixed(2)} s (${(contracts / floor.seconds).toFixed(0)} contracts/s)`],
      ['job time / SQL alone', (seconds / floor.seconds).toFixed(1)],
    ];
    rows.push(...await phases(sql, edge.namespace, started));
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
    console.log(JSON.stringify({ contracts, days, bills: checked.bills, seconds: round(seconds), contractsPerSecond: Math.round(contractsPerSecond), doubleBilled: checked.doubleBilled, missing: checked.missing }));
  } finally {
    await sql.end();
    await within(edge.cleanup(), 30_000, 'cleaning up').catch((error: unknown) => console.error(`clean-up: ${String(error)}`));
  }
}

/** When the groups entered each state, from the orchestrators' history: where the time went. */
async function phases(sql: ReturnType<typeof testDatabase>, namespace: string, started: number): Promise<Array<[string, string]>> {
  const rows = await sql.unsafe(`select state_value #>> '{}' as state, min(at) as first, max(at) as last, count(*)::int as n
    from "${schemaName(namespace, 'actors')}".orchestrator_history where machine = 'billing-group' group by 1 order by min(at)`);
  const origin = performance.timeOrigin + started;
  const at = (time: Date) => ((time.getTime() - origin) / 1000).toFixed(2);
  return rows.map((row) => [`groups entering ${row.state} (first … last, s after the POST)`, `${at(row.first)} … ${at(row.last)}`]);
}

function spent(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : (after - before) / 1e6;
}

function fmtCpu(seconds: number | undefined): string {
  return seconds === undefined ? '-' : seconds.toFixed(1);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const watchdog = setTimeout(() => {
  console.error(`benchmark did not finish within ${timeout + 60_000} ms; giving up`);
  process.exit(1);
}, timeout + 60_000);

main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
