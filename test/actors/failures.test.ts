import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BusinessError, createCommand, createEvent, defineActor, headers, on, systemClock, type Envelope,
} from '../../actors/mod.ts';
import { TestSystems, drainQueue, eventually, sleep, takeMessages } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('failures');
afterAll(() => systems.cleanup());

describe('technical failures', () => {
  it('retries on the scaled schedule, then parks the message with its error headers', async () => {
    const attempts: Array<{ attempt: number; at: number }> = [];
    const actor = defineActor({
      landscape: 'retry',
      service: 'flaky',
      retry: [1_000, 10_000, 10_000],
      commands: {
        Work: (message) => {
          attempts.push({ attempt: message.metadata.attempt, at: Date.now() });
          throw new Error('database is down');
        },
      },
    });
    // TIME_SCALE 0.05: waits of 50 ms, 500 ms, 500 ms.
    const system = await systems.start({ actors: [actor], clock: systemClock(0.05) });
    const command = createCommand('Work', { n: 1 }, { source: 'test' });
    await testInternals(system).bus.send('retry', 'flaky', command);

    const parkedQueue = system.names.parked(system.names.mailbox('retry', 'flaky'));
    const parked = await takeMessages(system, parkedQueue);

    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    const expected = [50, 500, 500];
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(expected[i]! - 5);
      expect(gap).toBeLessThan(expected[i]! + 400);
    });

    expect(parked).toHaveLength(1);
    const message = parked[0]!;
    const h = message.properties.headers!;
    expect(message.properties.messageId).toBe(command.id);
    expect(h[headers.parkReason]).toBe('retries-exhausted');
    expect(h[headers.errorClass]).toBe('Error');
    expect(h[headers.errorMessage]).toBe('database is down');
    expect(String(h[headers.errorStack])).toContain('database is down');
    expect(h[headers.originalQueue]).toBe(system.names.mailbox('retry', 'flaky'));
    expect(h[headers.originalExchange]).toBe(system.names.commands('retry'));
    expect(h[headers.originalRoutingKey]).toBe('flaky');
    expect(h[headers.attempts]).toBe(4);
    expect(Date.parse(String(h[headers.parkedAt]))).not.toBeNaN();
    // The body is the message as first published.
    expect(JSON.parse(message.content.toString()).data).toEqual({ n: 1 });
  });

  it('succeeds on a later attempt without parking anything', async () => {
    let calls = 0;
    const done: number[] = [];
    const actor = defineActor({
      landscape: 'retry',
      service: 'recovers',
      retry: [100],
      commands: {
        Work: (message) => {
          calls += 1;
          if (message.metadata.attempt === 1) throw new Error('transient');
          done.push(message.metadata.attempt);
        },
      },
    });
    const system = await systems.start({ actors: [actor], clock: systemClock(1) });
    await testInternals(system).bus.send('retry', 'recovers', createCommand('Work', {}, { source: 'test' }));
    await eventually(() => done.length === 1);
    expect(done).toEqual([2]);
    expect(calls).toBe(2);
    expect(await drainQueue(system, system.names.parked(system.names.mailbox('retry', 'recovers')))).toEqual([]);
  });
});

describe('business failures', () => {
  it('are not retried: the actor reports an Error event to the originating session', async () => {
    let calls = 0;
    const errors: Envelope[] = [];
    const actor = defineActor({
      landscape: 'rules',
      service: 'accounts',
      retry: [10, 10, 10],
      commands: {
        Withdraw: () => {
          calls += 1;
          throw new BusinessError('insufficient funds');
        },
      },
    });
    const listener = defineActor({ landscape: 'rules', service: 'listener', events: { Error: (m) => { errors.push(m); } } });
    const system = await systems.start({ actors: [actor, listener] });
    const command = createCommand('Withdraw', { amount: 5 }, { source: 'test', sessionId: 'tab-7' });
    await testInternals(system).bus.send('rules', 'accounts', command);

    const error = await eventually(() => errors[0]);
    expect(error.data).toEqual({ errorClass: 'BusinessError', message: 'insufficient funds', originalType: 'Withdraw', originalId: command.id });
    expect(error.metadata).toMatchObject({ sessionId: 'tab-7', causationId: command.id, correlationId: command.metadata.correlationId });
    await sleep(200);
    expect(calls).toBe(1);
  });
});

describe('malformed messages', () => {
  it('are parked at once with the reason while the consumer goes on', async () => {
    const handled: string[] = [];
    const actor = defineActor({
      landscape: 'strict',
      service: 'orders',
      commands: { Place: on(z.object({ item: z.string() }), (m) => { handled.push(m.data.item); }) },
    });
    const system = await systems.start({ actors: [actor] });
    const commands = system.names.commands('strict');
    // Signed with the system's key, so what is checked is the body, not the signature.
    const raw = (content: string) => testInternals(system).broker.publish({
      exchange: commands, routingKey: 'orders', content: Buffer.from(content),
      properties: { persistent: true, headers: { [headers.signature]: testInternals(system).bus.signer.sign(Buffer.from(content), {}) } },
    });

    await raw('{not json');
    await raw(JSON.stringify({ id: 'x', kind: 'command', type: 'Place', data: {} })); // no metadata
    await testInternals(system).bus.send('strict', 'orders', createCommand('Unknown', {}, { source: 'test' }));
    await testInternals(system).bus.send('strict', 'orders', createCommand('Place', { item: 42 }, { source: 'test' }));
    await testInternals(system).bus.send('strict', 'orders', createCommand('Place', { item: 'pancake' }, { source: 'test' }));

    await eventually(() => handled.length === 1);
    const parkedQueue = system.names.parked(system.names.mailbox('strict', 'orders'));
    const parked = await takeMessages(system, parkedQueue, 4);
    const reasons = parked.map((m) => [m.properties.headers![headers.parkReason], m.properties.headers![headers.errorMessage]]);
    expect(reasons).toEqual([
      ['malformed', expect.stringContaining('not JSON')],
      ['malformed', 'metadata must be an object'],
      ['unknown-type', 'strict.orders does not handle command Unknown'],
      ['invalid', expect.stringContaining('item')],
    ]);
    expect(handled).toEqual(['pancake']);
  });
});

describe('deadlines', () => {
  it('lets the broker drop a message whose deadline passes while it waits in the mailbox, into the parked queue', async () => {
    const handled: string[] = [];
    const actor = defineActor({
      landscape: 'late',
      service: 'exchange',
      commands: { Reserve: (m) => { handled.push(String(m.data.order)); } },
    });
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('late', 'exchange');
    await system.operations.pause(mailbox);
    // One deadline passes while the mailbox is paused: the broker dead-letters it (expiration).
    await testInternals(system).bus.send('late', 'exchange', createCommand('Reserve', { order: 'a' }, { source: 'test', deadline: new Date(Date.now() + 100) }));
    await testInternals(system).bus.send('late', 'exchange', createCommand('Reserve', { order: 'b' }, { source: 'test', deadline: new Date(Date.now() + 60_000) }));
    await sleep(300);
    await system.operations.resume(mailbox);
    await eventually(() => handled.includes('b'));

    const parked = await takeMessages(system, system.names.parked(mailbox));
    expect(handled).toEqual(['b']);
    expect(parked).toHaveLength(1);
    expect(JSON.parse(parked[0]!.content.toString()).data.order).toBe('a');
    expect(parked[0]!.properties.headers!['x-first-death-reason']).toBe('expired');
  });

  it('checks the deadline on arrival too (a message past it never reaches the handler)', async () => {
    const handled: string[] = [];
    const timedOut: string[] = [];
    const actor = defineActor({
      landscape: 'late',
      service: 'points',
      commands: { Spend: (m) => { handled.push(String(m.data.order)); } },
      onDeadlineExpired: (m) => { timedOut.push(String(m.data.order)); },
    });
    const system = await systems.start({ actors: [actor] });
    // Published already late: the consumer sees the deadline has passed.
    const late = createCommand('Spend', { order: 'c' }, { source: 'test', deadline: new Date(Date.now() - 1) });
    await testInternals(system).bus.sendLater(late, system.names.mailbox('late', 'points'), { delay: 0 });
    await eventually(() => timedOut.length === 1);
    const parked = await takeMessages(system, system.names.parked(system.names.mailbox('late', 'points')));
    expect(handled).toEqual([]);
    expect(parked[0]!.properties.headers![headers.parkReason]).toBe('deadline-expired');
  });

  it('publishes what the deadline hook emits', async () => {
    const events: Envelope[] = [];
    const actor = defineActor({
      landscape: 'late2',
      service: 'exchange',
      commands: { Reserve: () => {} },
      onDeadlineExpired: (m, context) => { context.publish('ReservationTimedOut', { order: m.data.order }); },
    });
    const watcher = defineActor({ landscape: 'late2', service: 'watcher', events: { ReservationTimedOut: (m) => { events.push(m); } } });
    const system = await systems.start({ actors: [actor, watcher] });
    const late = createCommand('Reserve', { order: 'd' }, { source: 'test', deadline: new Date(Date.now() - 1) });
    await testInternals(system).bus.sendLater(late, system.names.mailbox('late2', 'exchange'), { delay: 0 });
    const timeout = await eventually(() => events[0]);
    expect(timeout.data).toEqual({ order: 'd' });
    expect(timeout.metadata.causationId).toBe(late.id);
  });
});

describe('events nobody handles', () => {
  it('are not delivered to actors that did not subscribe to them', async () => {
    const got: string[] = [];
    const actor = defineActor({ landscape: 'quiet', service: 'only-a', events: { A: (m) => { got.push(m.type); } } });
    const system = await systems.start({ actors: [actor] });
    await testInternals(system).bus.publish('quiet', createEvent('B', {}, { source: 'test' }));
    await testInternals(system).bus.publish('quiet', createEvent('A', {}, { source: 'test' }));
    await eventually(() => got.length === 1);
    await sleep(100);
    expect(got).toEqual(['A']);
    expect(await drainQueue(system, system.names.parked(system.names.mailbox('quiet', 'only-a')))).toEqual([]);
  });
});

describe('forced errors', () => {
  const forcing = (value: string) => ({ source: 'test', metadata: { forceError: value } });

  it('technical: the first attempt fails, the retry succeeds', async () => {
    const attempts: number[] = [];
    const actor = defineActor({ landscape: 'forced', service: 'pricing', retry: [50], commands: { Price: (m) => { attempts.push(m.metadata.attempt); } } });
    const system = await systems.start({ actors: [actor], allowForcedErrors: true });
    await testInternals(system).bus.send('forced', 'pricing', createCommand('Price', {}, forcing('technical@forced.pricing')));
    await eventually(() => attempts.length === 1);
    expect(attempts).toEqual([2]);
  });

  it('are ignored unless allowed', async () => {
    const attempts: number[] = [];
    const actor = defineActor({ landscape: 'forced', service: 'strict', retry: [50], commands: { Price: (m) => { attempts.push(m.metadata.attempt); } } });
    const system = await systems.start({ actors: [actor] });
    await testInternals(system).bus.send('forced', 'strict', createCommand('Price', {}, forcing('technical-always@forced.strict')));
    await eventually(() => attempts.length === 1);
    expect(attempts).toEqual([1]);
  });
});
