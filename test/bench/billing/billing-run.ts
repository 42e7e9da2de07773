import { defineActor, schemaName, type ActorDefinition } from '../../../actors/mod.ts';
import { billingActor } from '../../../services/milk-factory/billing/billing-actor.ts';
import { groupOrchestrator } from '../../../services/milk-factory/billing/group/group-orchestrator.ts';
import { jobOrchestrator } from '../../../services/milk-factory/billing/job/job-orchestrator.ts';
import { pricingActor } from '../../../services/milk-factory/pricing/pricing-actor.ts';
import { eventually, type testDatabase } from '../../support/actor-system.ts';
import { localCpu } from '../local-cpu.ts';
import { seedRunningContracts, verifyBilledOnce } from './seed-billing.ts';

type Sql = ReturnType<typeof testDatabase>;

/** What one job measured; CPU in seconds (the broker's and Postgres's: every such process on the machine). */
export interface JobRun {
  seconds: number;
  accepted: number;
  bills: number;
  counted: number;
  doubleBilled: number;
  missing: number;
  cpu: { process: number; broker: number | undefined; postgres: number | undefined };
  phases: Array<[string, string]>;
}

/** Receives `BillingJobCompleted`: a job is timed to the moment an actor has it. */
export function completionWatcher(): { actor: ActorDefinition; completed: (jobId: string, timeout: number) => Promise<number> } {
  const completions = new Map<string, number>();
  const actor = defineActor({ landscape: 'milk-factory', service: 'bench-watcher', events: {
    BillingJobCompleted: (m) => { completions.set(m.data.jobId as string, performance.now()); },
  } });
  return { actor, completed: (jobId, timeout) => eventually(() => completions.get(jobId), timeout, 'BillingJobCompleted') };
}

/** Billing's actors (the worker, both orchestrators, pricing), plus `extra`. */
export function billingActors(...extra: ActorDefinition[]): ActorDefinition[] {
  return [pricingActor, billingActor, jobOrchestrator, groupOrchestrator, ...extra];
}

const readBrokerCpu = localCpu('beam.smp');
const readPostgresCpu = localCpu('postgres');

/**
 * Seeds `contracts` in `namespace`, starts one job (`start`, which answers when the job was
 * accepted), waits for its completion and checks every contract-day in SQL.
 */
export async function measureJob(sql: Sql, namespace: string, options: {
  contracts: number; firstDay: string; date: string; timeout: number;
  start: () => Promise<string>; completed: (jobId: string, timeout: number) => Promise<number>;
}): Promise<JobRun> {
  await seedRunningContracts(sql, namespace, options.contracts, options.firstDay, 'bench-');
  const cpu = { process: process.cpuUsage(), broker: readBrokerCpu(), postgres: readPostgresCpu() };
  const started = performance.now();
  const jobId = await options.start();
  const accepted = (performance.now() - started) / 1000;
  const done = await options.completed(jobId, options.timeout);
  const used = process.cpuUsage(cpu.process);
  const seconds = (done - started) / 1000;
  const spent = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? undefined : (after - before) / 1e6);
  const checked = await verifyBilledOnce(sql, namespace, 'bench-', options.date);
  const [job] = await sql.unsafe(`select bills from "${schemaName(namespace, 'milk_factory_billing')}".jobs where job_id = $1`, [jobId]);
  return {
    seconds, accepted, ...checked, counted: job!.bills as number,
    cpu: { process: (used.user + used.system) / 1e6, broker: spent(cpu.broker, readBrokerCpu()), postgres: spent(cpu.postgres, readPostgresCpu()) },
    phases: await phases(sql, namespace, started),
  };
}

/** When the groups entered each state, from the orchestrators' history: where the time went. */
async function phases(sql: Sql, namespace: string, started: number): Promise<Array<[string, string]>> {
  const rows = await sql.unsafe(`select state_value #>> '{}' as state, min(at) as first, max(at) as last
    from "${schemaName(namespace, 'actors')}".orchestrator_history where machine = 'billing-group' group by 1 order by min(at)`);
  const at = (time: Date) => ((time.getTime() - performance.timeOrigin - started) / 1000).toFixed(2);
  return rows.map((row) => [`  groups entering ${row.state}, s after the start (first … last)`, `${at(row.first)} … ${at(row.last)}`]);
}
