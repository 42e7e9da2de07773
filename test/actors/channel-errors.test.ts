import { Buffer } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { PublishRejectedError, UnroutableError, createCommand, createEvent, defineActor, systemClock } from '../../actors/mod.ts';
import { TestSystems, eventually } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('channel-errors');
afterAll(() => systems.cleanup());

describe('channel errors', () => {
  it('a publish the broker closes the channel for is refused; other publishes go on', async () => {
    const handled: string[] = [];
    const actor = defineActor({ landscape: 'chan', service: 'ok', commands: { Work: (m) => { handled.push(m.id); } } });
    const system = await systems.start({ actors: [actor] });
    const poisoned = testInternals(system).broker.publish({ exchange: `${systems.namespace}.no-such-exchange`, routingKey: 'x', content: Buffer.from('{}'), properties: {} });
    const good = createCommand('Work', {}, { source: 'test' });
    const fine = testInternals(system).bus.send('chan', 'ok', good);
    await expect(poisoned).rejects.toBeInstanceOf(PublishRejectedError);
    await fine;
    await eventually(() => handled.includes(good.id));
    expect(testInternals(system).broker.connectionCount).toBe(1); // only channels died, never the connection
  });

  it('a mailbox deleted under its consumer is declared again and consumption resumes', async () => {
    const handled: string[] = [];
    const actor = defineActor({ landscape: 'chan', service: 'deleted', commands: { Work: (m) => { handled.push(m.id); } } });
    const system = await systems.start({ actors: [actor], clock: systemClock() });
    const mailbox = system.names.mailbox('chan', 'deleted');
    await testInternals(system).broker.withChannel((channel) => channel.deleteQueue(mailbox));

    const command = createCommand('Work', {}, { source: 'test' });
    // Consuming again means declared again, bindings included (they are declared first).
    await eventually(async () => {
      const queue = await testInternals(system).broker.withChannel((channel) => channel.checkQueue(mailbox)).catch(() => undefined);
      return queue?.consumerCount === 1;
    }, 10_000, 'the mailbox to be declared and consumed again');
    await testInternals(system).bus.send('chan', 'deleted', command);
    await eventually(() => handled.includes(command.id), 10_000, 'the command');
    expect(testInternals(system).broker.connectionCount).toBe(1);
  });

  it('a command no mailbox is bound for is refused, not lost; an event nobody handles is fine', async () => {
    const system = await systems.start({ actors: [] });
    await expect(testInternals(system).bus.send('chan', 'nobody', createCommand('Work', {}, { source: 'test' }))).rejects.toBeInstanceOf(UnroutableError);
    await testInternals(system).bus.publish('chan', createEvent('NobodyCares', {}, { source: 'test' }));
  });
});
