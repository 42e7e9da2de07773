import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCommand, createEvent, defineActor, on, type Envelope } from '../../actors/mod.ts';
import { TestSystems, eventually } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('round-trip');
afterAll(() => systems.cleanup());

describe('publish and consume', () => {
  it('delivers a command and the events it causes, with the flow ids kept', async () => {
    const seen: Envelope[] = [];
    const kitchen = defineActor({
      landscape: 'diner',
      service: 'kitchen',
      commands: {
        CookFood: on(z.object({ dish: z.string() }), (message, context) => {
          seen.push(message);
          context.publish('FoodCooked', { dish: message.data.dish });
        }),
      },
    });
    const waiter = defineActor({
      landscape: 'diner',
      service: 'waiter',
      events: { FoodCooked: (message) => { seen.push(message); } },
    });
    const system = await systems.start({ actors: [kitchen, waiter] });

    const command = createCommand('CookFood', { dish: 'pancake', extra: 'kept' }, { source: 'test', sessionId: 's-1' });
    await testInternals(system).bus.send('diner', 'kitchen', command);

    const cooked = await eventually(() => seen.find((m) => m.type === 'FoodCooked'));
    const received = seen.find((m) => m.type === 'CookFood')!;
    expect(received.id).toBe(command.id);
    expect(received.data).toEqual({ dish: 'pancake', extra: 'kept' });
    expect(received.metadata.attempt).toBe(1);
    expect(cooked.kind).toBe('event');
    expect(cooked.metadata).toMatchObject({
      correlationId: command.metadata.correlationId,
      causationId: command.id,
      sessionId: 's-1',
      source: 'diner.kitchen',
    });
  });

  it('delivers an event to every actor that subscribes to its type', async () => {
    const got: string[] = [];
    const a = defineActor({ landscape: 'fanout', service: 'a', events: { Ping: () => { got.push('a'); } } });
    const b = defineActor({ landscape: 'fanout', service: 'b', events: { Ping: () => { got.push('b'); } } });
    const system = await systems.start({ actors: [a, b] });
    await testInternals(system).bus.publish('fanout', createEvent('Ping', {}, { source: 'test' }));
    await eventually(() => got.length === 2);
    expect(got.sort()).toEqual(['a', 'b']);
  });
});
