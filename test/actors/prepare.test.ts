import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommand, defineActor, on, type ActorSystem, type Envelope } from '../../actors/mod.ts';
import { TestSystems, eventually, testMigrations } from '../support/actor-system.ts';
import { databaseUrl } from '../support/environment.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('prepare');
afterAll(() => systems.cleanup());

/** A promise the test settles by hand: the slow part of a handler waits on it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { opened, open };
}

/**
 * Another transaction of the same pool: `free` tells whether it got a connection within
 * `ms`; `done` settles once it ran (when the connection was given back).
 */
function otherTransaction(system: ActorSystem, actor: Parameters<ActorSystem['transaction']>[0], ms: number) {
  const done = system.transaction(actor, {}, async (context) => { await sql`select 1`.execute(context.db); });
  const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms));
  return { free: Promise.race([done.then(() => true), timedOut]), done };
}

const work = z.object({ job: z.string() });

/** Slow work of `landscape`'s worker: in `prepare` (outside the transaction) or inside the handler. */
function slowWorker(landscape: string, where: 'prepare' | 'handler', slow: { started: () => void; opened: Promise<void> }) {
  const prepareCalls: string[] = [];
  const worker = defineActor({
    landscape,
    service: 'worker',
    concurrency: 1,
    commands: {
      Work: where === 'prepare'
        ? on(work, (message, context, prepared: string) => { context.publish('Worked', { job: message.data.job, prepared }); }, {
          prepare: async (message, context) => {
            prepareCalls.push(`${message.data.job} by ${context.actor}`);
            slow.started();
            await slow.opened;
            return `made for ${message.data.job}`;
          },
        })
        : on(work, async (message, context) => {
          slow.started();
          await slow.opened;
          context.publish('Worked', { job: message.data.job, prepared: null });
        }),
    },
  });
  const worked: Envelope[] = [];
  const watcher = defineActor({ landscape, service: 'watcher', events: { Worked: (m) => { worked.push(m); } } });
  return { worker, watcher, worked, prepareCalls };
}

/** One process, a database pool of ONE connection: a handler holding it blocks every other transaction. */
const poolOfOne = { url: databaseUrl(), migrations: testMigrations, poolSize: 1, sweeper: { interval: 60_000 } };

describe('a handler\'s prepare (slow work outside the transaction)', () => {
  it('runs before the transaction with no database connection held: another transaction uses the only pooled connection meanwhile', async () => {
    const slow = gate();
    const started = gate();
    const { worker, watcher, worked, prepareCalls } = slowWorker('prep-free', 'prepare', { started: started.open, opened: slow.opened });
    const system = await systems.start({ actors: [worker, watcher], database: poolOfOne });
    await testInternals(system).bus.send('prep-free', 'worker', createCommand('Work', { job: 'j-1' }, { source: 'test' }));
    await started.opened; // the slow part is running now
    const other = otherTransaction(system, worker, 2_000);
    expect(await other.free).toBe(true);
    expect(worked).toEqual([]);
    slow.open();
    const [done] = await eventually(() => worked.length === 1 && worked, 10_000, 'Worked');
    expect(done!.data).toEqual({ job: 'j-1', prepared: 'made for j-1' });
    expect(prepareCalls).toEqual([`j-1 by prep-free.worker`]);
  });

  it('(the same check on a wait inside the handler finds the connection held until the handler ends)', async () => {
    const slow = gate();
    const started = gate();
    const { worker, watcher, worked } = slowWorker('prep-held', 'handler', { started: started.open, opened: slow.opened });
    const system = await systems.start({ actors: [worker, watcher], database: poolOfOne });
    await testInternals(system).bus.send('prep-held', 'worker', createCommand('Work', { job: 'j-2' }, { source: 'test' }));
    await started.opened;
    const other = otherTransaction(system, worker, 1_000);
    const free = await other.free;
    slow.open(); // the handler ends, and the waiting transaction gets the connection
    expect(free).toBe(false);
    await other.done;
    await eventually(() => worked.length === 1, 10_000, 'Worked');
  });

  it('a failing prepare is a technical failure: the handler does not run, and the retry prepares again', async () => {
    let calls = 0;
    const handled: string[] = [];
    const flaky = defineActor({
      landscape: 'prep-retry',
      service: 'worker',
      retry: [50],
      commands: {
        Work: on(work, (message, _context, prepared: string) => { handled.push(`${message.data.job}: ${prepared}`); }, {
          prepare: () => {
            calls += 1;
            if (calls === 1) throw new Error('the oven is cold');
            return `try ${calls}`;
          },
        }),
      },
    });
    const system = await systems.start({ actors: [flaky], database: true });
    await testInternals(system).bus.send('prep-retry', 'worker', createCommand('Work', { job: 'j-3' }, { source: 'test' }));
    await eventually(() => handled.length === 1, 10_000, 'the retried handler');
    expect(handled).toEqual(['j-3: try 2']);
    expect(calls).toBe(2);
  });

  it('runs for an actor without a database too, its result handed to the handler', async () => {
    const { worker, watcher, worked } = slowWorker('prep-direct', 'prepare', { started: () => {}, opened: Promise.resolve() });
    const system = await systems.start({ actors: [worker, watcher] });
    await testInternals(system).bus.send('prep-direct', 'worker', createCommand('Work', { job: 'j-4' }, { source: 'test' }));
    const [done] = await eventually(() => worked.length === 1 && worked, 10_000, 'Worked');
    expect(done!.data).toEqual({ job: 'j-4', prepared: 'made for j-4' });
  });
});
