import { spawn } from 'node:child_process';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineActor, schemaName, type ActorSystem, type Envelope } from '../../../../actors/mod.ts';
import { billingActor } from '../../../../services/milk-factory/billing/billing-actor.ts';
import { startJob } from '../../../../services/milk-factory/billing/start-job.ts';
import { TestSystems, eventually, sleep, testDatabase } from '../../../support/actor-system.ts';
import { billedDays, days, seedContracts, tableOf } from './billing-helpers.ts';

// The billing process (billing, billing-job, billing-group, pricing) runs as a child process,
// SIGKILLed at a moment the test holds it at with row locks: its transaction in progress
// dies with it, its unacked deliveries go back to their queues, what it committed stays.
const systems = new TestSystems('mf-billing-kill');
const sql = testDatabase();
const created: Envelope[] = [];
let starter: ActorSystem;
interface BillingProcess {
  ready: Promise<void>;
  kill(): Promise<void>;
  alive(): boolean;
}
const children: BillingProcess[] = [];

function billingProcess(): BillingProcess {
  // TIME_SCALE 4: a step's timeout (2 minutes) never fires while the process is held or down.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/billing-process.ts'], {
    env: { ...process.env, TEST_NAMESPACE: systems.namespace, TIME_SCALE: '4' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); }));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const handle: BillingProcess = { ready, kill: async () => { child.kill('SIGKILL'); await exited; }, alive: () => child.exitCode === null && child.signalCode === null };
  children.push(handle);
  return handle;
}

beforeAll(async () => {
  await billingProcess().ready; // migrates billing's and pricing's schemas
  // Starts jobs as a REST controller would (a transaction on billing's state), and watches
  // BillCreated without an inbox, so a message published twice would be seen twice.
  starter = await systems.start({ actors: [], database: true });
  const watcher = defineActor({ landscape: 'milk-factory', service: 'bill-watcher', events: { BillCreated: (m) => { created.push(m); } } });
  await systems.start({ actors: [watcher] });
});
afterAll(async () => {
  for (const child of children) if (child.alive()) await child.kill();
  await systems.cleanup();
  await sql.end();
});

const runtime = () => `"${schemaName(systems.namespace, 'actors')}"`;

/** A transaction on its own connection holding `lock` (a `select … for update`) until released. */
async function hold(lock: string, parameters: unknown[]): Promise<{ release: () => Promise<void> }> {
  const connection = await sql.reserve();
  await connection.unsafe('begin');
  await connection.unsafe(lock, parameters as postgres.ParameterOrJSON<never>[]);
  return { release: async () => { await connection.unsafe('rollback'); connection.release(); } };
}

/** A backend of this namespace waits for a lock, in a statement matching `pattern`. */
function waitingOnLock(pattern: string): Promise<true> {
  return eventually(async () => {
    const [row] = await sql.unsafe(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like $1`, [pattern]);
    return row!.n > 0 || undefined;
  }, 15_000, `a backend waiting on a lock in ${pattern}`) as Promise<true>;
}

async function groupOf(jobId: string): Promise<{ key: string; state: string }> {
  return eventually(async () => {
    const [row] = await sql.unsafe(`select key, state_value #>> '{}' as state from ${runtime()}.orchestrator_instances
      where machine = 'billing-group' and snapshot->'context'->>'jobId' = $1`, [jobId]);
    return row as { key: string; state: string } | undefined;
  }, 15_000, 'the group instance');
}

async function job(jobId: string) {
  const [row] = await sql.unsafe(`select state, bills, completed_groups from ${tableOf(systems.namespace, 'billing', 'jobs')} where job_id = $1`, [jobId]);
  return row!;
}

/** Contracts whose bills of the job are announced (their BillCreated in the outbox). */
async function announced(ids: readonly string[]): Promise<number> {
  const [row] = await sql.unsafe(`select count(*)::int as n from ${tableOf(systems.namespace, 'billing', 'announced')} where contract_id = any($1::text[])`, [ids as string[]]);
  return row!.n as number;
}

/** After the restart: the job completes, each day billed once, each bill's BillCreated received once. */
async function expectCompletedOnce(jobId: string, ids: readonly string[], from: string, to: string): Promise<void> {
  await eventually(async () => (await job(jobId)).state === 'COMPLETED', 30_000, 'the job completed after the restart');
  expect(await billedDays(sql, systems.namespace, ids)).toEqual(ids.flatMap((id) => days(from, to).map((d) => [id, d])));
  const expected = ids.length * days(from, to).length;
  expect(await job(jobId)).toMatchObject({ bills: expected, completed_groups: 1 });
  await sleep(300);
  // One message per bill: one id each, and no bill announced by two messages. (The wire is
  // at least once: a copy with the same id, e.g. from the outbox sweeper racing a slow
  // confirm, is the same message, which a consumer's inbox drops.)
  const mine = created.filter((m) => ids.includes(m.data.contractId as string));
  const messagesByBill = new Map<string, Set<string>>();
  for (const m of mine) messagesByBill.set(m.data.billId as string, (messagesByBill.get(m.data.billId as string) ?? new Set()).add(m.id));
  expect(messagesByBill.size).toBe(expected);
  expect([...messagesByBill.values()].every((messages) => messages.size === 1)).toBe(true);
}

describe('the billing process killed between steps (spec: no day twice, every BillCreated once)', () => {
  it('killed between READ_PRICE and BILL (BILL in progress): nothing billed; after the restart the job completes', async () => {
    const ids = ['k-rb-1', 'k-rb-2', 'k-rb-3'];
    await seedContracts(sql, systems.namespace, ids.map((id) => ({ id, start: '2024-01-01', end: '2024-01-03' })));
    const contracts = await hold(`select 1 from ${tableOf(systems.namespace, 'billing', 'contracts')} where contract_id = any($1::text[]) for update`, [ids]);
    const started = await starter.transaction(billingActor, {}, (context) => startJob(context, { date: '2024-01-03', maxGroupSize: 100 }));
    expect(started.contracts).toBe(3);
    // The prices were read, BILL began and waits for the contracts: the moment to die.
    await eventually(async () => (await groupOf(started.jobId)).state === 'BILL', 15_000, 'the group at BILL');
    await waitingOnLock(`%"${schemaName(systems.namespace, 'milk_factory_billing')}"."contracts"%for update%`);
    await children.at(-1)!.kill();
    await contracts.release();
    await sleep(200);
    expect(await billedDays(sql, systems.namespace, ids)).toEqual([]);

    await billingProcess().ready;
    await expectCompletedOnce(started.jobId, ids, '2024-01-01', '2024-01-03');
  });

  it('killed between BILL and COMMS (bills stored, the group not yet told): after the restart the bills are announced once and the job completes', async () => {
    const ids = ['k-bc-1', 'k-bc-2', 'k-bc-3'];
    await seedContracts(sql, systems.namespace, ids.map((id) => ({ id, start: '2024-02-01', end: '2024-02-02' })));
    const contracts = await hold(`select 1 from ${tableOf(systems.namespace, 'billing', 'contracts')} where contract_id = any($1::text[]) for update`, [ids]);
    const started = await starter.transaction(billingActor, {}, (context) => startJob(context, { date: '2024-02-02', maxGroupSize: 100 }));
    const group = await eventually(async () => { const g = await groupOf(started.jobId); return g.state === 'BILL' ? g : undefined; }, 15_000, 'the group at BILL');
    // Hold the group's instance so its next step (GroupBilled → COMMS) cannot save, then let BILL commit.
    const instance = await hold(`select 1 from ${runtime()}.orchestrator_instances where machine = 'billing-group' and key = $1 for update`, [group.key]);
    await contracts.release();
    await eventually(async () => (await billedDays(sql, systems.namespace, ids)).length === 6, 15_000, 'BILL committed');
    await waitingOnLock(`%${runtime()}."orchestrator_instances"%`);
    await children.at(-1)!.kill();
    await instance.release();
    await sleep(200);
    expect((await groupOf(started.jobId)).state).toBe('BILL');
    expect(await announced(ids)).toBe(0);
    expect(created.filter((m) => ids.includes(m.data.contractId as string))).toEqual([]);

    await billingProcess().ready;
    await expectCompletedOnce(started.jobId, ids, '2024-02-01', '2024-02-02');
    expect(await announced(ids)).toBe(3);
  });
});
