import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConflictError, NotFoundError, UnroutableError, createCommand, defineActor, encodeMessage, headers, type ActorSystem, type Envelope,
} from '../../../actors/mod.ts';
import { TestSystems, drainQueue, eventually, sleep } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('dead-letters');
afterAll(() => systems.cleanup());

const parkedOne = (system: ActorSystem, messageId: string) =>
  eventually(async () => (await system.operations.deadLetters!.list()).find((d) => d.messageId === messageId), 10_000, `dead letter ${messageId}`);

describe('the dead-letter office', () => {
  it('takes parked messages out of the parked queue into actors.dead_letters, once per parking', async () => {
    const actor = defineActor({ landscape: 'office', service: 'once', commands: { Noop: () => {} } });
    const system = await systems.start({ actors: [actor], database: true });
    const parkedQueue = system.names.parked(system.names.mailbox('office', 'once'));
    // The same parked delivery twice, as after a lost ack: one dead letter.
    const { content, properties } = encodeMessage(createCommand('Noop', {}, { source: 'test' }));
    const parking = { [headers.parkReason]: 'invalid', [headers.parkedAt]: new Date().toISOString(), [headers.originalQueue]: system.names.mailbox('office', 'once') };
    for (let i = 0; i < 2; i++) {
      await testInternals(system).broker.publish({ exchange: '', routingKey: parkedQueue, content, properties: { ...properties, headers: { ...properties.headers, ...parking } } });
    }
    // NUL, which Postgres refuses in text and jsonb, in the body and a header: recorded all the same.
    const nul = encodeMessage(createCommand('Noop', { note: 'a\u0000b' }, { source: 'test' }));
    await testInternals(system).broker.publish({
      exchange: '', routingKey: parkedQueue, content: nul.content,
      properties: { ...nul.properties, headers: { ...nul.properties.headers, ...parking, [headers.errorMessage]: 'x\u0000y' } },
    });
    await parkedOne(system, properties.messageId);
    expect(await parkedOne(system, nul.properties.messageId)).toMatchObject({ message: { data: { note: 'a\uFFFDb' } }, error: { message: 'x\uFFFDy' } });
    await sleep(300);
    expect((await system.operations.deadLetters!.list()).filter((d) => d.messageId === properties.messageId)).toHaveLength(1);
    expect(await drainQueue(system, parkedQueue)).toEqual([]);
  });

  it('records a message parked again after a retry as a new dead letter; the first stays retried', async () => {
    const actor = defineActor({ landscape: 'office', service: 'stubborn', retry: [], commands: { Fail: () => { throw new Error('still broken'); } } });
    const system = await systems.start({ actors: [actor], database: true });
    const command = createCommand('Fail', {}, { source: 'test' });
    await testInternals(system).bus.send('office', 'stubborn', command);
    const first = await parkedOne(system, command.id);
    await system.operations.deadLetters!.retry(first.id, 'ops');
    const second = await parkedOne(system, command.id);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ reason: 'retries-exhausted', attempts: 1, error: { message: 'still broken' } });
    expect(await system.operations.deadLetters!.list({ status: 'retried' })).toEqual([expect.objectContaining({ id: first.id, resolvedBy: 'ops' })]);
    await expect(system.operations.deadLetters!.retry(first.id, 'ops')).rejects.toBeInstanceOf(ConflictError);
    await expect(system.operations.deadLetters!.discard(crypto.randomUUID(), 'ops')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records the oldest message a full drop-head mailbox dropped, reason maxlen', async () => {
    const handled: Envelope[] = [];
    const actor = defineActor({ landscape: 'office', service: 'small', mailbox: { maxLength: 1, overflow: 'drop-head' }, commands: { Take: (m) => { handled.push(m); } } });
    const system = await systems.start({ actors: [actor], database: true });
    const mailbox = system.names.mailbox('office', 'small');
    await system.operations.pause(mailbox);
    const [oldest, newest] = [createCommand('Take', { n: 1 }, { source: 'test' }), createCommand('Take', { n: 2 }, { source: 'test' })];
    await testInternals(system).bus.send('office', 'small', oldest);
    await testInternals(system).bus.send('office', 'small', newest);
    expect(await parkedOne(system, oldest.id)).toMatchObject({ reason: 'maxlen', queue: mailbox, message: { data: { n: 1 } } });
    await system.operations.resume(mailbox);
    await eventually(() => handled.some((m) => m.id === newest.id));
  });

  it('leaves a dead letter parked when its queue is gone, and says so', async () => {
    const actor = defineActor({ landscape: 'office', service: 'orphan', commands: { Noop: () => {} } });
    const system = await systems.start({ actors: [actor], database: true });
    const { content, properties } = encodeMessage(createCommand('Noop', {}, { source: 'test' }));
    const parking = { [headers.parkReason]: 'unknown-type', [headers.originalQueue]: `${systems.namespace}.office.removed-long-ago` };
    await testInternals(system).broker.publish({
      exchange: '', routingKey: system.names.parked(system.names.mailbox('office', 'orphan')),
      content: Buffer.from(content), properties: { ...properties, headers: { ...properties.headers, ...parking } },
    });
    const parked = await parkedOne(system, properties.messageId);
    await expect(system.operations.deadLetters!.retry(parked.id, 'ops')).rejects.toBeInstanceOf(UnroutableError);
    expect(await parkedOne(system, properties.messageId)).toMatchObject({ id: parked.id, status: 'parked', resolvedBy: null });
  });

  it('is not there without a database (parked messages then stay in the parked queue)', async () => {
    const system = await systems.start({ actors: [defineActor({ landscape: 'office', service: 'stateless', commands: {} })] });
    expect(system.operations.deadLetters).toBeUndefined();
  });
});
