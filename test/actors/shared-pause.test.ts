import { afterAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { createMessageSigner, defineActor, developmentSigningKey, schemaName, type ActorSystem } from '../../actors/mod.ts';
import { testInternals } from '../../actors/testing.ts';
import { TestSystems, closeConnectionsNamed, eventually, sleep, testDatabase } from '../support/actor-system.ts';

// The shared pause's edges, within one test process (test/replicas/operations.test.ts shows it
// across OS processes): a missed announcement, a forged one, and a system without a database.
const systems = new TestSystems('shared-pause');
const sql = testDatabase();
afterAll(async () => {
  await systems.cleanup();
  await sql.end();
});

const actor = (service: string) => defineActor({ landscape: 'pausing', service, commands: { Noop: () => {} } });
const pausedHere = (system: ActorSystem, queue: string) => system.operations.mailboxes.find((m) => m.queue === queue)!.subscription.paused;

describe('a pause held by every process', () => {
  it('is read again after a reconnection: a pause announced while a process was disconnected still holds there', async () => {
    const system = await systems.start({ actors: [actor('reconnecting')], database: true });
    const queue = system.names.mailbox('pausing', 'reconnecting');
    // Recorded without an announcement, as one this process missed while its connection was down.
    await sql.unsafe(`insert into "${schemaName(systems.namespace, 'actors')}".paused_mailboxes (queue) values ($1)`, [queue]);
    await sleep(300);
    expect(pausedHere(system, queue)).toBe(false);
    const connections = testInternals(system).broker.connectionCount;
    await closeConnectionsNamed(systems.connectionName(system));
    await eventually(() => testInternals(system).broker.connectionCount > connections, 20_000, 'the reconnection');
    await eventually(() => pausedHere(system, queue), 10_000, 'the mailbox paused after the reconnection');
    expect((await system.operations.queueCounts(queue)).consumers).toBe(0);
  });

  it('ignores an unsigned or forged announcement, and with a database takes the state from the record, not from the announcement', async () => {
    const system = await systems.start({ actors: [actor('guarded')], database: true });
    const queue = system.names.mailbox('pausing', 'guarded');
    const announce = (key?: string) => testInternals(system).broker.withChannel(async (channel) => {
      const content = Buffer.from(JSON.stringify({ queue, paused: true }));
      const properties = { messageId: crypto.randomUUID(), type: 'MailboxPauseChanged', appId: 'actors.operations', correlationId: queue, headers: {} as Record<string, unknown> };
      if (key) properties.headers['x-signature'] = createMessageSigner(key).sign(content, properties);
      channel.publish(system.names.operations(), '', content, properties);
    });
    await announce();
    await announce('not-the-key');
    await announce(developmentSigningKey); // signed (the test systems' key), but the record says nothing is paused
    await sleep(500);
    expect(pausedHere(system, queue)).toBe(false);
  });

  it('without a database, holds in every running system from the signed announcement', async () => {
    const [one, two] = [await systems.start({ actors: [actor('stateless')] }), await systems.start({ actors: [actor('stateless')] })];
    const queue = one.names.mailbox('pausing', 'stateless');
    await one.operations.pause(queue);
    await eventually(() => pausedHere(two, queue), 10_000, 'the other system paused');
    await two.operations.resume(queue);
    await eventually(() => !pausedHere(one, queue), 10_000, 'the first system resumed');
  });
});
