import { afterAll, describe, expect, it } from 'vitest';
import { defineActor, type Envelope } from '../../actors/mod.ts';
import { TestSystems, eventually } from '../support/actor-system.ts';

const systems = new TestSystems('on-start');
afterAll(() => systems.cleanup());

describe('onStart', () => {
  it('runs once at the start stage and what it publishes is delivered, with and without a database', async () => {
    for (const database of [false, true]) {
      const received: Envelope[] = [];
      const listener = defineActor({ landscape: 'boot', service: `listener-${database}`, events: { Booted: (m) => { received.push(m); } } });
      const publisher = defineActor({
        landscape: 'boot', service: `publisher-${database}`, commands: { Noop: () => {} },
        onStart: (context) => { context.publish('Booted', { database }); },
      });
      await systems.start({ actors: [listener, publisher], database });
      await eventually(() => received.some((m) => m.data.database === database), 10_000, 'Booted');
      expect(received.find((m) => m.data.database === database)?.metadata.source).toBe(`boot.publisher-${database}`);
    }
  });
});
