import { afterAll, describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { createEvent, defineOrchestrator, type OrchestratorInspector, type StandardSchemaV1 } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import { TestSystems, eventually, sleep } from '../../support/actor-system.ts';

const systems = new TestSystems('orch-parallel');
afterAll(() => systems.cleanup());

/** Notes each step it is told (`Step` with its number), in the order the instance took them. */
const stepper = setup({}).createMachine({
  id: 'stepper@1',
  initial: 'open',
  context: { seen: [] as number[] },
  states: {
    open: { on: {
      Begin: {},
      Step: { actions: assign({ seen: ({ context, event }) => [...context.seen, (event as unknown as { data: { n: number } }).data.n] }) },
      End: 'closed',
    } },
    closed: { type: 'final' },
  },
});

const stepsEach = 5;

describe('orchestrator instances in parallel', () => {
  it('let other instances finish while one instance\'s steps are slow, and still take that instance\'s steps in their order', async () => {
    // Each step of an instance when done (its transaction about to commit), by key.
    const done: string[] = [];
    // The slow instance's first step is held inside its transaction (the batch holds its turn)
    // until the test lets it go: a gate, not a sleep, so a loaded machine cannot blur the result.
    let letSlowGo!: () => void;
    const slowGate = new Promise<void>((resolve) => { letSlowGo = resolve; });
    const orchestrator = defineOrchestrator({
      landscape: 'parallel', service: 'stepper', machines: [stepper], events: ['Begin', 'Step', 'End'], starts: ['Begin'],
      project: async (instance) => {
        if (instance.key === 'slow') await slowGate;
        done.push(instance.key);
      },
    });
    const system = await systems.start({ actors: [orchestrator], database: true });
    const bus = testInternals(system).bus;
    const publish = (type: string, key: string, data: Record<string, unknown> = {}) => bus.publish('parallel', createEvent(type, data, { source: 'test', correlationId: key }));
    const fast = Array.from({ length: 8 }, (_, i) => `fast-${i}`);
    // The slow instance's messages first, then the others': one mailbox, back to back.
    for (const key of ['slow', ...fast]) {
      await publish('Begin', key);
      for (let n = 1; n <= stepsEach; n++) await publish('Step', key, { n });
      await publish('End', key);
    }

    const steps = stepsEach + 2;
    // Handled one at a time, every fast step would wait behind the held slow one: none would finish.
    await eventually(() => fast.every((key) => done.filter((d) => d === key).length === steps), 60_000, 'the fast instances done while the slow one is held');
    expect(done.filter((d) => d === 'slow')).toEqual([]);
    letSlowGo();

    const slow = await eventually(async () => {
      const instance = await system.operations.describeInstance('stepper', 'slow');
      return instance?.status === 'done' ? instance : undefined;
    }, 30_000, 'the slow instance done');
    expect(slow.context).toEqual({ seen: [1, 2, 3, 4, 5] });
    expect(slow.history.map((h) => h.messageType)).toEqual(['Begin', 'Step', 'Step', 'Step', 'Step', 'Step', 'End']);
    for (const key of fast) {
      expect((await system.operations.describeInstance('stepper', key))!.context).toEqual({ seen: [1, 2, 3, 4, 5] });
    }
  });

  it('take the other steps of a batch one by one when one step fails it: each saved, recorded and reported once', async () => {
    const fragile = setup({}).createMachine({
      id: 'fragile@1',
      initial: 'open',
      context: { seen: [] as number[] },
      states: { open: { on: {
        Begin: {},
        Step: { actions: assign({ seen: ({ context, event }) => [...context.seen, (event as unknown as { data: { n: number } }).data.n] }) },
        Boom: { actions: () => { throw new Error('boom'); } },
      } } },
    });
    // The inspector is told of each step (its snapshot after) once the step committed: the batch's rolled-back attempt is not reported.
    const reported: string[] = [];
    const inspector: OrchestratorInspector = { actor: () => {}, event: () => {}, snapshot: (actor, snapshot) => { reported.push(`${actor.id} ${JSON.stringify(snapshot.context)}`); } };
    const orchestrator = defineOrchestrator({
      landscape: 'fragile', service: 'fragile', machines: [fragile], events: ['Begin', 'Step', 'Boom'], starts: ['Begin'],
      batch: 50, concurrentBatches: 1, retry: [], inspector,
    });
    const system = await systems.start({ actors: [orchestrator], database: true });
    const bus = testInternals(system).bus;
    const publish = (type: string, key: string, data: Record<string, unknown> = {}) => bus.publish('fragile', createEvent(type, data, { source: 'test', correlationId: key }));
    const keys = ['f-1', 'f-2', 'f-3'];
    const queue = system.operations.mailboxes[0]!.queue;
    // Everything waits in the mailbox, then comes as one batch: the Boom spoils it.
    await system.operations.pause(queue);
    for (const key of keys) await publish('Begin', key);
    for (let n = 1; n <= 3; n++) for (const key of keys) await publish('Step', key, { n });
    await publish('Boom', 'f-2');
    await publish('Step', 'f-2', { n: 4 });
    await system.operations.resume(queue);

    for (const key of keys) {
      const steps = key === 'f-2' ? 5 : 4;
      const instance = await eventually(async () => {
        const found = await system.operations.describeInstance('fragile', key);
        return found?.revision === steps ? found : undefined;
      }, 20_000, `${key} stepped`);
      expect(instance.context).toEqual({ seen: key === 'f-2' ? [1, 2, 3, 4] : [1, 2, 3] });
      expect(instance.history.map((h) => h.revision)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    }
    // Every saved step once (f-2's Boom was not saved): 4 + 5 + 4, each context different, none twice.
    await eventually(() => (reported.length >= 13 ? true : undefined), 5_000, 'the steps reported');
    expect(reported).toHaveLength(13);
    expect(new Set(reported).size).toBe(13);
  });

  it('keep one instance\'s order when its messages\' admissions finish out of order (an async schema)', async () => {
    // Each check takes a random while, so a later message's may finish first.
    const slowCheck: StandardSchemaV1 = { '~standard': { version: 1, vendor: 'test', validate: (value) => sleep(Math.random() * 30).then(() => ({ value })) } };
    const orchestrator = defineOrchestrator({
      landscape: 'async-checks', service: 'stepper', machines: [stepper], events: ['Begin', 'Step', 'End'], starts: ['Begin'],
      schemas: { Begin: slowCheck, Step: slowCheck, End: slowCheck },
    });
    const system = await systems.start({ actors: [orchestrator], database: true });
    const bus = testInternals(system).bus;
    const keys = Array.from({ length: 10 }, (_, i) => `async-${i}`);
    for (const key of keys) {
      const publish = (type: string, data: Record<string, unknown> = {}) => bus.publish('async-checks', createEvent(type, data, { source: 'test', correlationId: key }));
      await publish('Begin');
      for (let n = 1; n <= 3; n++) await publish('Step', { n });
      await publish('End');
    }
    for (const key of keys) {
      // A Step routed before its Begin would find no instance and be ignored; one before another, out of order.
      const instance = await eventually(async () => {
        const found = await system.operations.describeInstance('stepper', key);
        return found?.status === 'done' ? found : undefined;
      }, 20_000, `${key} done`);
      expect(instance.context).toEqual({ seen: [1, 2, 3] });
    }
  });
});
