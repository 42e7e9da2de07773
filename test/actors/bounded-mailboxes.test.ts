import { afterAll, describe, expect, it } from 'vitest';
import { PublishRejectedError, createCommand, defineActor } from '../../actors/mod.ts';
import { TestSystems, drainQueue, eventually, takeMessages } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('bounded');
afterAll(() => systems.cleanup());

const command = (i: number) => createCommand('Work', { i }, { source: 'test' });

describe('bounded mailboxes', () => {
  it('reject-publish: a full mailbox refuses the publish (back-pressure), nothing is dropped', async () => {
    const handled: number[] = [];
    const actor = defineActor({
      landscape: 'bounded',
      service: 'strict',
      mailbox: { maxLength: 3, overflow: 'reject-publish' },
      commands: { Work: (m) => { handled.push(Number(m.data.i)); } },
    });
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('bounded', 'strict');
    await system.operations.pause(mailbox);
    // A quorum queue checks the bound after enqueueing, so it may admit one message beyond it.
    const accepted: number[] = [];
    let refusal: unknown;
    for (let i = 1; i <= 6 && refusal === undefined; i++) {
      await testInternals(system).bus.send('bounded', 'strict', command(i)).then(() => accepted.push(i), (error) => { refusal = error; });
    }
    expect(refusal).toBeInstanceOf(PublishRejectedError);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    expect(accepted.length).toBeLessThanOrEqual(4);

    await system.operations.resume(mailbox);
    await eventually(() => handled.length === accepted.length);
    expect(handled).toEqual(accepted);
    expect(await drainQueue(system, system.names.parked(mailbox))).toEqual([]);
  });

  it('drop-head: a full mailbox moves its oldest message to the parked queue', async () => {
    const handled: number[] = [];
    const actor = defineActor({
      landscape: 'bounded',
      service: 'lossy',
      mailbox: { maxLength: 2, overflow: 'drop-head' },
      commands: { Work: (m) => { handled.push(Number(m.data.i)); } },
    });
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('bounded', 'lossy');
    await system.operations.pause(mailbox);
    for (const i of [1, 2, 3]) await testInternals(system).bus.send('bounded', 'lossy', command(i));
    await system.operations.resume(mailbox);

    await eventually(() => handled.length === 2);
    expect(handled).toEqual([2, 3]);
    const parked = await takeMessages(system, system.names.parked(mailbox));
    expect(JSON.parse(parked[0]!.content.toString()).data.i).toBe(1);
    expect(parked[0]!.properties.headers!['x-first-death-reason']).toBe('maxlen');
  });

  it('message TTL: a message not consumed in time goes to the parked queue, not lost', async () => {
    const actor = defineActor({
      landscape: 'bounded',
      service: 'ttl',
      mailbox: { messageTtl: 2_000 },
      commands: { Work: () => {} },
    });
    // TIME_SCALE 0.1: the 2 s TTL is 200 ms.
    const { systemClock } = await import('../../actors/mod.ts');
    const system = await systems.start({ actors: [actor], clock: systemClock(0.1) });
    const mailbox = system.names.mailbox('bounded', 'ttl');
    await system.operations.pause(mailbox);
    await testInternals(system).bus.send('bounded', 'ttl', command(1));
    const parked = await takeMessages(system, system.names.parked(mailbox));
    expect(parked[0]!.properties.headers!['x-first-death-reason']).toBe('expired');
  });
});
