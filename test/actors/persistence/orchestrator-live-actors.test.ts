import { afterAll, describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { BusinessError, createCommand, defineActor, defineOrchestrator, type ActorSystem, type Envelope } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import { TestSystems, eventually } from '../../support/actor-system.ts';

const systems = new TestSystems('live-actors');
const elsewhere = new TestSystems('live-actors-other');
afterAll(() => Promise.all([systems.cleanup(), elsewhere.cleanup()]));

/** Adds each `Add`'s `n` to its total, and remembers the last one (the projection below reads it). */
const adder = setup({}).createMachine({
  id: 'adder@1',
  context: { total: 0, last: 0 },
  on: { Add: { actions: assign({ total: ({ context, event }) => context.total + (event as unknown as { data: { n: number } }).data.n, last: ({ event }) => (event as unknown as { data: { n: number } }).data.n }) } },
});

/**
 * One replica: the same machine (so the same stored instances) behind its own mailbox, so
 * the test chooses which replica takes each step. Its projection refuses a step adding 13:
 * a business error, so that step's transaction rolls back, after the step was taken and
 * saved in it, and the message is not retried.
 */
function replica(service: string) {
  return defineOrchestrator({
    landscape: 'live', service, machines: [adder], commands: ['Add'], starts: ['Add'],
    project: (instance) => {
      if ((instance.context as { last: number }).last === 13) throw new BusinessError('13 is refused');
    },
  });
}

const add = (n: number) => createCommand('Add', { n }, { source: 'test', correlationId: 'the-sum' });

async function describe_(system: ActorSystem, revision: number, key = 'the-sum') {
  return eventually(async () => {
    const instance = await system.operations.describeInstance('adder', key);
    return instance !== undefined && instance.revision >= revision ? instance : undefined;
  }, 20_000, `revision ${revision}`);
}

describe('an orchestrator keeping its instances\' actors running between steps', () => {
  it('steps from the stored state when another replica advanced the instance, and keeps no actor of a step rolled back', async () => {
    const refused: Envelope[] = [];
    const errors = defineActor({ landscape: 'live', service: 'errors', events: { Error: (m) => { refused.push(m); } } });
    const a = await systems.start({ actors: [replica('adder-a'), errors], database: true });
    const b = await systems.start({ actors: [replica('adder-b')], database: true });
    const send = (service: string, n: number) => testInternals(a).bus.send('live', service, add(n));

    // Replicas take turns: each finds the instance advanced by the other since its own last step.
    for (let i = 0; i < 6; i++) {
      await send(i % 2 === 0 ? 'adder-a' : 'adder-b', 1);
      await describe_(a, i + 1);
    }
    expect((await describe_(a, 6)).context).toEqual({ total: 6, last: 1 });

    // A takes a step (6 + 13) that its transaction then rolls back: the instance stays at revision 6.
    await send('adder-a', 13);
    await eventually(() => refused[0], 20_000, 'the refused step');
    // B advances the instance to revision 7 meanwhile — the revision A's rolled-back step had reached.
    await send('adder-b', 100);
    await describe_(a, 7);
    // A's next step starts from B's revision 7 (106), not from its own rolled-back one (19).
    await send('adder-a', 1000);
    const done = await describe_(a, 8);
    expect(done.context).toEqual({ total: 1106, last: 1000 });
    expect(done.history.map((h) => h.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(refused).toHaveLength(1);
  });

  it('steps a batch on what its live actors saved, and on what is stored where another replica advanced an instance since', async () => {
    const a = await systems.start({ actors: [replica('adder-batch-a')], database: true });
    const b = await systems.start({ actors: [replica('adder-batch-b')], database: true });
    const send = (service: string, key: string, n: number) => testInternals(a).bus.send('live', service, createCommand('Add', { n }, { source: 'test', correlationId: key }));
    await send('adder-batch-a', 'p', 1);
    await send('adder-batch-a', 'q', 1);
    await describe_(a, 1, 'p');
    await describe_(a, 1, 'q');
    // A keeps both instances' actors at revision 1; B takes p to revision 2 behind A's back.
    await send('adder-batch-b', 'p', 10);
    await describe_(a, 2, 'p');
    // Three steps reach A's mailbox while it is paused, so they are taken as one batch.
    const mailboxes = a.operations.mailboxes.map((handle) => handle.queue);
    for (const queue of mailboxes) await a.operations.pause(queue);
    await send('adder-batch-a', 'p', 100);
    await send('adder-batch-a', 'q', 100);
    await send('adder-batch-a', 'q', 1000);
    for (const queue of mailboxes) await a.operations.resume(queue);
    // p's step counts B's 10: it was taken on the stored revision 2, not on A's revision 1.
    const p = await describe_(a, 3, 'p');
    const q = await describe_(a, 3, 'q');
    expect(p.context).toEqual({ total: 111, last: 100 });
    expect(p.history.map((h) => h.revision)).toEqual([1, 2, 3]);
    expect(q.context).toEqual({ total: 1101, last: 1000 });
    expect(q.history.map((h) => h.revision)).toEqual([1, 2, 3]);
  });

  it('keeps one system\'s actors from another system running the same definition on other tables', async () => {
    // One definition object, two systems on two namespaces (other tables): the same key, the same revisions.
    const shared = replica('adder-shared');
    const here = await systems.start({ actors: [shared], database: true });
    const there = await elsewhere.start({ actors: [shared], database: true });
    const sendTo = (system: ActorSystem, n: number) => testInternals(system).bus.send('live', 'adder-shared', createCommand('Add', { n }, { source: 'test', correlationId: 'twin' }));
    await sendTo(here, 1);
    await describe_(here, 1, 'twin');
    await sendTo(here, 2);
    await describe_(here, 2, 'twin');
    await sendTo(there, 10);
    await describe_(there, 1, 'twin');
    await sendTo(there, 20);
    await describe_(there, 2, 'twin');
    // Each system's revision 2 is its own: 3 + 100 here, 30 + 1000 there.
    await sendTo(here, 100);
    await sendTo(there, 1000);
    expect((await describe_(here, 3, 'twin')).context).toEqual({ total: 103, last: 100 });
    expect((await describe_(there, 3, 'twin')).context).toEqual({ total: 1030, last: 1000 });
  });
});
