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
});
