import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import {
  createCommand, createEvent, defineActor, defineOrchestrator, publishEvent, schemaName, sendCommand, systemClock, type ActorSystem, type Envelope,
} from '../../../actors/mod.ts';
import { TestSystems, eventually, sleep, testDatabase } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('orchestrators');
const sql = testDatabase();
afterAll(async () => {
  await systems.cleanup();
  await sql.end();
});

/** Eat first: cook; retry cooking when no food came within 1 s; give up after 3 tries. */
function orderProcess(version: number) {
  return setup({}).createMachine({
    id: `order-process@${version}`,
    initial: 'placed',
    context: { tries: 0 },
    states: {
      placed: { on: { OrderPlaced: 'cooking' } },
      cooking: {
        entry: [assign({ tries: ({ context }) => context.tries + 1 }), sendCommand('kitchen', 'CookFood', ({ context }) => ({ tries: context.tries }))],
        after: { 1000: [{ guard: ({ context }) => context.tries < 3, target: 'cooking', reenter: true }, { target: 'gaveUp' }] },
        on: { FoodCooked: 'cooked' },
      },
      cooked: { on: { OrderPaid: 'finished' } },
      gaveUp: { type: 'final', entry: publishEvent('GaveUpOnCooking') },
      finished: { type: 'final', entry: publishEvent('ProcessFinished', () => ({ version })) },
    },
  });
}

function orchestrator(landscape: string, versions: number[]) {
  return defineOrchestrator({
    landscape,
    service: 'order-process',
    machines: versions.map(orderProcess),
    events: ['OrderPlaced', 'FoodCooked', 'OrderPaid'],
    starts: ['OrderPlaced'],
  });
}

/** The kitchen gets CookFood; a listener records the process's own events. */
function observers(landscape: string) {
  const cooked: Envelope[] = [];
  const events: Envelope[] = [];
  const kitchen = defineActor({ landscape, service: 'kitchen', commands: { CookFood: (m) => { cooked.push(m); } } });
  const listener = defineActor({ landscape, service: 'listener', events: { GaveUpOnCooking: (m) => { events.push(m); }, ProcessFinished: (m) => { events.push(m); } } });
  return { kitchen, listener, cooked, events };
}

const event = (type: string, order: string) => createEvent(type, {}, { source: 'test', correlationId: order });
const clock = systemClock(0.2); // the 1 s cooking timeout is 200 ms

async function instanceState(system: ActorSystem, order: string) {
  return system.operations.describeInstance('order-process', order);
}

describe('orchestrators (XState, durable)', () => {
  it('run one instance per correlation id; a delayed transition fires as a durable timer', async () => {
    const { kitchen, listener, cooked, events } = observers('eat-first');
    const system = await systems.start({ actors: [orchestrator('eat-first', [1]), kitchen, listener], database: true, clock });
    await testInternals(system).bus.publish('eat-first', event('OrderPlaced', 'order-1'));

    await eventually(() => events.find((e) => e.type === 'GaveUpOnCooking'), 10_000, 'giving up');
    expect(cooked.map((c) => c.data.tries)).toEqual([1, 2, 3]);
    expect(cooked.every((c) => c.metadata.correlationId === 'order-1')).toBe(true);
    const instance = await instanceState(system, 'order-1');
    expect(instance).toMatchObject({ state: 'gaveUp', status: 'done', version: 1, context: { tries: 3 } });
    expect(instance!.history.map((h) => h.messageType)).toEqual(['OrderPlaced', 'actors.timer', 'actors.timer', 'actors.timer']);
  });

  it('ignore a cancelled timer when it comes due', async () => {
    const { kitchen, listener, cooked } = observers('cancel');
    const system = await systems.start({ actors: [orchestrator('cancel', [1]), kitchen, listener], database: true, clock });
    await testInternals(system).bus.publish('cancel', event('OrderPlaced', 'order-2'));
    await eventually(() => cooked.length === 1);
    await testInternals(system).bus.publish('cancel', event('FoodCooked', 'order-2'));
    await eventually(async () => (await instanceState(system, 'order-2'))?.state === 'cooked');
    await sleep(600); // well past the (scaled) timeout
    const instance = await instanceState(system, 'order-2');
    expect(instance).toMatchObject({ state: 'cooked', timers: {} });
    expect(cooked).toHaveLength(1);
    // The timer came due and was ignored: no step, no history, no second CookFood.
    expect(instance!.history.map((h) => h.messageType)).toEqual(['OrderPlaced', 'FoodCooked']);
    expect(instance!.revision).toBe(2);
  });

  it('fire a delayed transition after the process restarted', async () => {
    const { kitchen, listener, cooked } = observers('restart');
    const first = await systems.start({ actors: [orchestrator('restart', [1]), kitchen, listener], database: true, clock });
    await testInternals(first).bus.publish('restart', event('OrderPlaced', 'order-3'));
    await eventually(() => cooked.length === 1);
    await first.stop(); // the timer is pending; no process is running

    await sleep(400);
    const second = await systems.start({ actors: [orchestrator('restart', [1]), kitchen, listener], database: true, clock });
    await eventually(() => cooked.length >= 2, 10_000, 'the timer after the restart');
    expect(cooked[1]!.data.tries).toBe(2);
    expect((await instanceState(second, 'order-3'))!.state).toBe('cooking');
  });

  it('keep an instance on the version it started with; new instances use the newest', async () => {
    const { kitchen, listener, events } = observers('versions');
    const v1only = await systems.start({ actors: [orchestrator('versions', [1]), kitchen, listener], database: true, clock: systemClock(100) });
    await testInternals(v1only).bus.publish('versions', event('OrderPlaced', 'old-order'));
    await eventually(async () => (await instanceState(v1only, 'old-order'))?.state === 'cooking');
    await v1only.stop();

    const both = await systems.start({ actors: [orchestrator('versions', [1, 2]), kitchen, listener], database: true, clock: systemClock(100) });
    for (const order of ['old-order', 'new-order']) {
      if (order === 'new-order') await testInternals(both).bus.publish('versions', event('OrderPlaced', order));
      await eventually(async () => (await instanceState(both, order))?.state === 'cooking');
      await testInternals(both).bus.publish('versions', event('FoodCooked', order));
      await eventually(async () => (await instanceState(both, order))?.state === 'cooked');
      await testInternals(both).bus.publish('versions', event('OrderPaid', order));
    }
    await eventually(() => events.length === 2);
    const finished = Object.fromEntries(events.map((e) => [e.metadata.correlationId, e.data.version]));
    expect(finished).toEqual({ 'old-order': 1, 'new-order': 2 });
    expect(both.operations.orchestratorDefinitions()).toEqual([
      { name: 'order-process', landscape: 'versions', service: 'order-process', versions: [
        { version: 2, config: expect.objectContaining({ id: 'order-process@2' }), definition: expect.objectContaining({ id: 'order-process@2' }) },
        { version: 1, config: expect.objectContaining({ id: 'order-process@1' }), definition: expect.objectContaining({ id: 'order-process@1' }) },
      ] },
    ]);
  });

  it('handle a process\'s messages in mailbox order, so an event sent right after the one that starts it is not lost', async () => {
    const { kitchen, listener } = observers('in-order');
    const system = await systems.start({ actors: [orchestrator('in-order', [1]), kitchen, listener], database: true, clock: systemClock(100) });
    const orders = Array.from({ length: 20 }, (_, i) => `in-order-${i}`); // keys no other test here uses
    for (const order of orders) {
      await testInternals(system).bus.publish('in-order', event('OrderPlaced', order));
      await testInternals(system).bus.publish('in-order', event('FoodCooked', order));
    }
    // One look at a time, stopping at the first order not cooked yet: polling all twenty at
    // once would crowd the connection pool the orchestrator needs.
    const cooked = new Set<string>();
    await eventually(async () => {
      for (const order of orders) {
        if (cooked.has(order)) continue;
        if ((await instanceState(system, order))?.state !== 'cooked') return false;
        cooked.add(order);
      }
      return true;
    }, 30_000, 'every order cooked');
  });

  it('retry a step when another consumer saved the instance first, and end correct', async () => {
    const counter = setup({}).createMachine({
      id: 'counter@1',
      context: { ticks: 0 },
      on: { Tick: { actions: assign({ ticks: ({ context }) => context.ticks + 1 }) } },
    });
    // One step per transaction: the step itself redoes a conflict.
    const actor = () => defineOrchestrator({ landscape: 'race', service: 'counter', machines: [counter], events: ['Tick'], starts: ['Tick'], batch: 1, concurrency: 10 });
    // Two processes consume the same mailbox, ten at a time each; their logs tell the redone steps.
    let redone = 0;
    const logger = pino({ level: 'info' }, new Writable({ write(line, _encoding, done) { if (String(line).includes('step redone')) redone += 1; done(); } }));
    const a = await systems.start({ actors: [actor()], database: true, logger });
    await systems.start({ actors: [actor()], database: true, logger });
    await Promise.all(Array.from({ length: 40 }, () => testInternals(a).bus.publish('race', event('Tick', 'the-counter'))));
    const done = await eventually(async () => {
      const instance = await a.operations.describeInstance('counter', 'the-counter');
      return instance?.history.length === 40 ? instance : undefined;
    }, 20_000, 'forty steps');
    expect(done.context).toEqual({ ticks: 40 });
    expect(done.revision).toBe(40);
    expect(redone).toBeGreaterThan(0); // the conflict path was taken, and still no tick was lost
  });

  it('take a batch\'s steps again one by one when another consumer saved one of its instances first, and end correct', async () => {
    const counter = setup({}).createMachine({
      id: 'counter@1',
      context: { ticks: 0 },
      on: { Tick: { actions: assign({ ticks: ({ context }) => context.ticks + 1 }) } },
    });
    // Batches of several steps (the default), several at once, in two processes on one mailbox.
    const actor = () => defineOrchestrator({ landscape: 'batch-race', service: 'counter', machines: [counter], events: ['Tick'], starts: ['Tick'], batch: 5 });
    const a = await systems.start({ actors: [actor()], database: true });
    await systems.start({ actors: [actor()], database: true });
    const counters = ['c-1', 'c-2', 'c-3'];
    await Promise.all(Array.from({ length: 60 }, (_, i) => testInternals(a).bus.publish('batch-race', event('Tick', counters[i % 3]!))));
    for (const key of counters) {
      const done = await eventually(async () => {
        const instance = await a.operations.describeInstance('counter', key);
        return instance?.revision === 20 ? instance : undefined;
      }, 20_000, `twenty steps of ${key}`);
      expect(done.context).toEqual({ ticks: 20 });
      // One history row per step, none lost or doubled by a batch rolled back and taken again.
      expect(done.history.map((h) => h.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
  });

  it('send with the options a machine sets (session, metadata its answers inherit), route answers by a key from metadata, ignore what has no key', async () => {
    // Asks a helper and waits for the answer; the answer carries no key of its own in its data,
    // only the metadata it inherited from the question.
    const asker = setup({}).createMachine({
      id: 'asker@1',
      initial: 'idle',
      context: { asked: '', session: '' },
      states: {
        idle: { on: { Begin: { target: 'asking', actions: assign({ asked: ({ event }) => event.data.id, session: ({ event }) => event.message.metadata.sessionId }) } } },
        asking: {
          entry: sendCommand('helper', 'Help', () => ({}), ({ context }) => ({ metadata: { askedBy: context.asked } })),
          on: { Helped: { target: 'done', actions: publishEvent('Answered', ({ context }) => ({ id: context.asked }), ({ context }) => ({ sessionId: context.session })) } },
        },
        done: { type: 'final' },
      },
    });
    const helps: Envelope[] = [];
    const answers: Envelope[] = [];
    const helper = defineActor({ landscape: 'keyed', service: 'helper', commands: { Help: (m, context) => { helps.push(m); context.send('asker', 'Helped', {}); } } });
    const listener = defineActor({ landscape: 'keyed', service: 'listener', events: { Answered: (m) => { answers.push(m); } } });
    const keyOf = (m: Envelope) => (m.type === 'Begin' ? m.data.id as string : (m.metadata.askedBy as string | undefined));
    const orchestrator = defineOrchestrator({ landscape: 'keyed', service: 'asker', machines: [asker], commands: ['Begin', 'Helped'], starts: ['Begin'], key: keyOf });
    const system = await systems.start({ actors: [orchestrator, helper, listener], database: true });

    await testInternals(system).bus.send('keyed', 'asker', createCommand('Begin', { id: 'p-1' }, { source: 'test', sessionId: 'tab-that-began' }));
    const answer = await eventually(() => answers[0], 10_000, 'the answer');
    expect(helps[0]!.metadata.askedBy).toBe('p-1');
    expect(answer.data).toEqual({ id: 'p-1' });
    expect(answer.metadata.sessionId).toBe('tab-that-began');
    expect((await system.operations.describeInstance('asker', 'p-1'))!.state).toBe('done');

    // An answer without the key belongs to no instance: ignored, nothing stored under any key.
    await testInternals(system).bus.send('keyed', 'asker', createCommand('Helped', {}, { source: 'test' }));
    await sleep(300);
    const [row] = await sql.unsafe(`select count(*)::int as n from "${schemaName(systems.namespace, 'actors')}".orchestrator_instances where machine = 'asker'`);
    expect(row!.n).toBe(1);
  });

  it('project each step into the actor\'s own tables, in the step\'s transaction', async () => {
    const ticker = setup({}).createMachine({
      id: 'ticker@1',
      initial: 'ticking',
      context: { ticks: 0 },
      states: {
        ticking: { on: { Tick: { actions: assign({ ticks: ({ context }) => context.ticks + 1 }) }, Stop: 'stopped' } },
        stopped: { type: 'final' },
      },
    });
    const orchestrator = defineOrchestrator({
      landscape: 'projected', service: 'ticker', schema: 'process_board', machines: [ticker], events: ['Tick', 'Stop'], starts: ['Tick'],
      project: async (instance, context) => {
        await context.db.insertInto('processes').values({ key: instance.key, state: String(instance.state), ticks: (instance.context as { ticks: number }).ticks })
          .onConflict((c) => c.column('key').doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), ticks: eb.ref('excluded.ticks') }))).execute();
      },
    });
    const system = await systems.start({ actors: [orchestrator], database: true });
    for (const type of ['Tick', 'Tick', 'Tick', 'Stop']) await testInternals(system).bus.publish('projected', event(type, 'board-1'));
    const table = `"${schemaName(systems.namespace, 'process_board')}".processes`;
    const row = await eventually(async () => {
      const [found] = await sql.unsafe(`select state, ticks from ${table} where key = 'board-1'`);
      return found?.state === 'stopped' ? found : undefined;
    }, 10_000, 'the projected row');
    expect(row).toEqual({ state: 'stopped', ticks: 3 });
    expect((await system.operations.describeInstance('ticker', 'board-1'))!.revision).toBe(4);
  });
});
