import { afterAll, describe, expect, it } from 'vitest';
import { StartupError, defineActor } from '../../../actors/mod.ts';
import { TestSystems } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('topology-conflict');
afterAll(() => systems.cleanup());

describe('a topology conflict at start-up', () => {
  it('stops the start with START-007, naming the exchange and how to remove it', async () => {
    const publisher = await systems.start({ actors: [] });
    // Someone declared the landscape's event exchange as another type.
    await testInternals(publisher).broker.withChannel((channel) => channel.assertExchange(publisher.names.events('clash'), 'fanout', { durable: true }));
    const actor = defineActor({ landscape: 'clash', service: 'orders', events: { Happened: () => {} } });

    const failure = await systems.start({ actors: [actor] }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    const problem = failure as StartupError;
    expect(problem.code).toBe('START-007');
    expect(problem.message).toContain(`exchange ${publisher.names.events('clash')}`);
    expect(problem.message).toMatch(/inequivalent arg 'type'/);
    expect(problem.fix).toMatch(/DELETE .*\/api\/exchanges\//);
  });
});
