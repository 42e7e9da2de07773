import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { createCommand, defineActor, defineOrchestrator, isLostPostgresConnection, schemaName, type PersistentContext } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import type { LedgerTables } from '../../fixtures/ledger-actor.ts';
import { TestSystems, sleep, testMigrations } from '../../support/actor-system.ts';
import { OwnPostgres } from '../../chaos/own-postgres.ts';
import { openTransactions } from '../../../actors/persistence/transaction-connection.ts';
import { managementFetch } from '../../support/environment.ts';

/**
 * Issue 23: a Postgres restart under load. postgres.js 3.4 closes a reserved connection behind
 * its holder's back, and a statement or `release()` on it then crashed the process (`nextWrite`
 * on a null socket); a reservation handed to a reconnecting connection never settled, and
 * handling stopped for good. Here a Postgres of the test's own (never the shared one on 5432)
 * is restarted three times (`pg_ctlcluster … restart -m fast`: every session cut mid-statement)
 * while an actor and an orchestrator handle a steady stream of commands: the process must
 * survive, handle each message exactly once, and resume after each restart.
 */
const run = promisify(execFile);
const version = '15';
const hasPostgres = existsSync('/usr/bin/pg_createcluster') && existsSync(`/usr/lib/postgresql/${version}/bin/postgres`);
const own = new OwnPostgres(version, 'pgrestart', 5434);
const systems = new TestSystems('pgrestart');
const database = systems.namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
const landscape = 'pgrestart';
/** Commands sent per second, for about `loadSeconds`. */
const rate = 20;
const loadSeconds = 30;
/** How long handling may stay stopped after a restart returned, on a machine as loaded as CI's. */
const resumeBound = 45_000;

/** Each Deposit credits its own account once and emits Deposited; retried long enough to outlast a restart. */
const ledger = defineActor({
  landscape,
  service: 'ledger',
  schema: 'ledger',
  retry: [200, 500, 1000, 2000, ...Array<number>(30).fill(3000)],
  commands: {
    Deposit: async (message, context) => {
      const { db } = context as PersistentContext<LedgerTables>;
      const { account } = message.data as { account: string };
      await db.insertInto('accounts').values({ id: account, balance: 1, updated_by: message.id })
        .onConflict((c) => c.column('id').doUpdateSet((eb) => ({ balance: eb('accounts.balance', '+', 1), updated_by: message.id })))
        .execute();
      context.publish('Deposited', { account });
    },
  },
});

/** One instance per account (the correlation id), done at its Deposited: its state saved in the same database. */
const depositProcess = defineOrchestrator({
  landscape,
  service: 'deposit-process',
  retry: [200, 500, 1000, 2000, ...Array<number>(30).fill(3000)],
  machines: [setup({}).createMachine({ id: 'deposit-process@1', initial: 'waiting', states: { waiting: { on: { Deposited: 'done' } }, done: { type: 'final' } } })],
  events: ['Deposited'],
  starts: ['Deposited'],
});

let check: postgres.Sql;
const crashes: unknown[] = [];
const recordCrash = (error: unknown) => { crashes.push(error); };
/**
 * As main.ts: the driver's left-over rejection of a connection cut while it started up (its
 * array-type fetch, which nobody awaits: driver-leftovers.ts) is counted, not fatal; any other
 * unhandled rejection still reaches vitest's own listeners and fails the run.
 */
const leftovers: unknown[] = [];
let vitestListeners: NodeJS.UnhandledRejectionListener[] = [];
const onUnhandledRejection: NodeJS.UnhandledRejectionListener = (reason, promise) => {
  if (isLostPostgresConnection(reason)) leftovers.push(reason);
  else for (const listener of vitestListeners) listener(reason, promise);
};

beforeAll(async () => {
  if (!hasPostgres) return;
  await own.start();
  await own.dropDatabase(database);
  check = postgres(own.databaseUrl(database), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  process.on('uncaughtExceptionMonitor', recordCrash);
  vitestListeners = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', onUnhandledRejection);
}, 120_000);

afterAll(async () => {
  if (!hasPostgres) return;
  process.off('uncaughtExceptionMonitor', recordCrash);
  process.off('unhandledRejection', onUnhandledRejection);
  for (const listener of vitestListeners) process.on('unhandledRejection', listener);
  await systems.cleanup();
  await check?.end({ timeout: 1 });
  await run('pg_dropcluster', [version, 'pgrestart', '--stop']).catch(() => {});
}, 120_000);

/** A count from the test's Postgres; undefined while it is down. */
async function count(query: string): Promise<number | undefined> {
  try {
    const [row] = await check.unsafe(query);
    return Number(row!.n);
  } catch {
    return undefined;
  }
}

/** What the process's transactions, the Postgres sessions and the mailboxes were doing: for a run that did not finish. */
async function diagnosis() {
  const sessions = await check.unsafe(`select pid, state, wait_event_type, wait_event, now() - xact_start as in_transaction, now() - state_change as in_state, left(query, 100) as query
    from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [database]).catch((error: Error) => error.message);
  const queues = await managementFetch(`/api/queues/%2F?name=${encodeURIComponent(systems.namespace)}&use_regex=false`)
    .then(async (response) => (await response.json() as Array<{ name: string; messages_ready: number; messages_unacknowledged: number; consumers: number }>)
      .filter((queue) => queue.name.startsWith(systems.namespace))
      .map(({ name, messages_ready, messages_unacknowledged, consumers }) => ({ name, messages_ready, messages_unacknowledged, consumers })))
    .catch((error: Error) => error.message);
  return { ...openTransactions(), sessions, queues };
}

describe.skipIf(!hasPostgres)('a Postgres restart under load', () => {
  it('the process survives three restarts, resumes after each, and handles every message exactly once', async () => {
    const system = await systems.start({
      actors: [ledger, depositProcess],
      database: { url: own.databaseUrl(database), migrations: testMigrations },
    });
    const accounts = `"${schemaName(systems.namespace, 'ledger')}".accounts`;
    const runtime = (table: string) => `"${schemaName(systems.namespace, 'actors')}".${table}`;
    const handled = () => count(`select count(*) as n from ${accounts}`);

    // Steady load: `rate` Deposits a second, each to an account of its own.
    let sent = 0;
    let sending = true;
    const load = (async () => {
      const started = Date.now();
      while (sending) {
        const due = Math.floor(((Date.now() - started) / 1000) * rate);
        for (; sent < due; sent += 1) {
          await testInternals(system).bus.send(landscape, 'ledger', createCommand('Deposit', { account: `a-${sent}` }, { source: 'test', correlationId: `a-${sent}` }));
        }
        await sleep(50);
      }
    })();

    const resumedAfter: number[] = [];
    try {
      for (let restart = 0; restart < 3; restart += 1) {
        await sleep(restart === 0 ? 5_000 : 7_000);
        await own.restart();
        const restarted = Date.now();
        // Resumed: the handled count (read after the restart, once Postgres answers) grows again.
        let before: number | undefined;
        while (before === undefined && Date.now() - restarted < resumeBound) before = await handled() ?? (await sleep(100), undefined);
        let now = before;
        while ((now === undefined || before === undefined || now <= before) && Date.now() - restarted < resumeBound) {
          await sleep(100);
          now = await handled();
        }
        resumedAfter.push(Date.now() - restarted);
        expect(now, `handling resumed within ${resumeBound} ms of restart ${restart + 1}`).toBeGreaterThan(before ?? Number.MAX_SAFE_INTEGER);
      }
      await sleep(3_000);
    } finally {
      sending = false;
      await load;
    }

    // Every message handled, once: one account each, credited once; one inbox row each; one finished process each.
    const deadline = Date.now() + 60_000;
    while ((await handled() ?? 0) < sent && Date.now() < deadline) await sleep(250);
    const [summary] = await check.unsafe(`select count(*)::int as accounts, count(*) filter (where balance <> 1)::int as not_once from ${accounts}`);
    const [inbox] = await check.unsafe(`select count(*)::int as n from ${runtime('inbox')} where actor = $1`, [`${landscape}.ledger`]);
    while ((await count(`select count(*) as n from ${runtime('orchestrator_instances')} where status = 'done'`) ?? 0) < sent && Date.now() < deadline) await sleep(250);
    const [processes] = await check.unsafe(`select count(*)::int as done, (select count(*)::int from ${runtime('orchestrator_history')}) as steps from ${runtime('orchestrator_instances')} where status = 'done'`);
    console.log(JSON.stringify({ sent, resumedAfterMs: resumedAfter, ...summary, inbox: inbox!.n, ...processes, driverLeftovers: leftovers.length, deflected: openTransactions().deflected }));
    if (summary!.accounts !== sent || processes!.done !== sent) console.log(JSON.stringify(await diagnosis(), null, 1));
    if (processes!.steps !== sent) {
      // Which processes took more than one step, and which Deposited messages they received.
      console.log(JSON.stringify(await check.unsafe(`select h.key, array_agg(h.message_id order by h.seq) as messages,
        (select array_agg(i.message_id || ' ' || i.received_at) from ${runtime('inbox')} i where i.actor = $1 and i.correlation_id = h.key) as received
        from ${runtime('orchestrator_history')} h group by h.key having count(*) > 1`, [`${landscape}.deposit-process`]), null, 1));
    }

    expect(crashes).toEqual([]);
    expect(sent).toBeGreaterThan(rate * loadSeconds * 0.5);
    expect(summary).toEqual({ accounts: sent, not_once: 0 });
    expect(inbox!.n).toBe(sent);
    expect(processes).toEqual({ done: sent, steps: sent });
  }, 180_000);
});
