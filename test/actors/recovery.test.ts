import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, type ActorSystem } from '../../actors/mod.ts';
import { TestSystems, closeConnectionsNamed, eventually } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('recovery');
afterAll(() => systems.cleanup());

function countingActor(service: string) {
  const received = new Map<string, number>();
  const actor = defineActor({
    landscape: 'recovery',
    service,
    commands: { Count: (m) => { received.set(m.id, (received.get(m.id) ?? 0) + 1); } },
  });
  return { actor, received };
}

function send(system: ActorSystem, service: string, count: number): Array<{ id: string; sent: Promise<void> }> {
  return Array.from({ length: count }, (_, i) => {
    const command = createCommand('Count', { i }, { source: 'test' });
    return { id: command.id, sent: testInternals(system).bus.send('recovery', service, command) };
  });
}

describe('connection recovery', () => {
  it('survives the broker closing the connection: consumers resume and no message is lost', async () => {
    const { actor, received } = countingActor('survivor');
    const system = await systems.start({ actors: [actor] });
    const before = send(system, 'survivor', 100);
    await Promise.all(before.map((b) => b.sent));
    await eventually(() => received.size === 100, 10_000, 'the first hundred');

    expect(await closeConnectionsNamed(systems.connectionName(system))).toBe(1);
    await eventually(() => testInternals(system).broker.connectionCount === 2, 10_000, 'the reconnection');

    const after = send(system, 'survivor', 100);
    await Promise.all(after.map((a) => a.sent));
    await eventually(() => received.size === 200, 10_000, 'every message');
    for (const { id } of [...before, ...after]) expect(received.has(id)).toBe(true);
  });

  it('holds publishes made while disconnected and sends them, same ids, after recovery', async () => {
    const { actor, received } = countingActor('held');
    const system = await systems.start({ actors: [actor] });
    let held: Array<{ id: string; sent: Promise<void> }> = [];
    const stopListening = testInternals(system).broker.onStatus((status) => {
      // Runs the moment the loss is noticed: these publishes cannot go out before recovery.
      if (status === 'disconnected' && held.length === 0) held = send(system, 'held', 50);
    });

    await closeConnectionsNamed(systems.connectionName(system));
    await eventually(() => held.length === 50, 10_000, 'the loss to be noticed');
    expect(testInternals(system).broker.connected).toBe(false);
    await Promise.all(held.map((h) => h.sent)); // resolves only once the broker confirmed
    stopListening();

    expect(testInternals(system).broker.connectionCount).toBe(2);
    await eventually(() => received.size === 50, 10_000, 'the held messages');
    for (const { id } of held) expect(received.has(id)).toBe(true);
  });

  it('redeclares the topology after recovery (a deleted mailbox comes back)', async () => {
    const { actor, received } = countingActor('redeclared');
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('recovery', 'redeclared');
    await testInternals(system).broker.withChannel((channel) => channel.deleteQueue(mailbox));
    await closeConnectionsNamed(systems.connectionName(system));
    await eventually(() => testInternals(system).broker.connectionCount === 2, 10_000, 'the reconnection');
    const sent = send(system, 'redeclared', 10);
    await Promise.all(sent.map((s) => s.sent));
    await eventually(() => received.size === 10, 10_000, 'messages through the new mailbox');
  });
});
