import { afterAll, describe, expect, it } from 'vitest';
import { createEvent, createMessageSigner, encodeMessage, headers, type Envelope } from '../../actors/mod.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { TestSystems, eventually } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('edge-events');
afterAll(() => systems.cleanup());

describe('the port for edge subscribers (system.events)', () => {
  it('declares its queue through the runtime, hands on signed events with their landscape, drops unsigned and forged ones', async () => {
    const { logger, lines } = captureLogger('warn');
    const system = await systems.start({ actors: [], logger });
    const received: Array<{ landscape: string; event: Envelope }> = [];
    const subscription = await system.events.subscribe({
      landscapes: ['north', 'south'], label: 'viewer',
      handle: (event, landscape) => { received.push({ landscape, event }); },
    });
    expect(subscription.queue).toMatch(new RegExp(`^${systems.namespace}\\.viewer\\.`));

    const raw = (type: string, sign?: (content: Buffer, properties: Record<string, any>) => string) => testInternals(system).broker.withChannel(async (channel) => {
      const { content, properties } = encodeMessage(createEvent(type, {}, { source: 'mallory' }));
      if (sign) properties.headers[headers.signature] = sign(content, properties);
      channel.publish(system.names.events('north'), type, content, properties);
    });
    await raw('Unsigned');
    await raw('Forged', (c, p) => createMessageSigner('not-the-key').sign(c, p as never));
    await testInternals(system).bus.publish('south', createEvent('Signed', { n: 1 }, { source: 'test' }));

    const first = await eventually(() => received[0], 10_000, 'the signed event');
    expect(first.landscape).toBe('south');
    expect(first.event).toMatchObject({ type: 'Signed', data: { n: 1 } });
    await eventually(() => lines.filter((l) => l.code === 'SEC-004').length === 2, 10_000, 'two SEC-004 lines');
    expect(lines.filter((l) => l.code === 'SEC-004').map((l) => [l.reason, l.type])).toEqual([['unsigned', 'Unsigned'], ['forged', 'Forged']]);
    expect(received.map((r) => r.event.type)).toEqual(['Signed']);

    await subscription.stop();
  });

  it('with replay, reads the landscape\'s replay stream; one declared with another retention is read as it is (STREAM-001), not refused', async () => {
    const { logger, lines } = captureLogger('warn');
    const system = await systems.start({ actors: [], logger });
    const received: Array<{ event: Envelope; position: number | undefined }> = [];
    const first = await system.events.subscribe({ landscapes: ['east'], replay: { bytes: 1_000_000 }, handle: (event, _landscape, position) => { received.push({ event, position }); } });
    const other = await system.events.subscribe({ landscapes: ['east'], replay: { bytes: 2_000_000 }, handle: () => {} });
    expect(lines.filter((l) => l.code === 'STREAM-001')).toHaveLength(1);
    const sent = createEvent('Signed', { n: 2 }, { source: 'test' });
    await testInternals(system).bus.publish('east', sent);
    const got = await eventually(() => received.find((r) => r.event.id === sent.id), 10_000, 'the event from the stream');
    expect(got.position).toEqual(expect.any(Number));
    expect(await first.history!('east')).toEqual([]); // nothing before this reader's start
    await Promise.all([first.stop(), other.stop()]);
  });
});
