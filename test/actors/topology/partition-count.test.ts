import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, type ActorSystem } from '../../../actors/mod.ts';
import { managementFetch } from '../../support/environment.ts';
import { TestSystems, eventually, sleep } from '../../support/actor-system.ts';
import { Recorder, keepSending, keysNamed } from './recorder.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('partition-count');
afterAll(() => systems.cleanup());

async function queuesOf(mailbox: string): Promise<string[]> {
  const response = await managementFetch('/api/queues/%2F?columns=name');
  const names = ((await response.json()) as { name: string }[]).map((q) => q.name);
  return names.filter((name) => name.startsWith(`${mailbox}.`) && !name.endsWith('.parked')).sort();
}

describe('the partition count of a mailbox changing between starts', () => {
  it('4 → 8 → 2: no message lost or handled twice, each key in order, while publishers go on', async () => {
    const recorder = new Recorder('repartition', 'ledger');
    const keys = keysNamed('acct', 12);
    const publisher = await systems.start({ actors: [] });
    const mailbox = publisher.names.mailbox('repartition', 'ledger');

    // 4 partitions; one message fails once and waits 3 s in the waiting rooms for its retry.
    const four = await systems.start({ actors: [recorder.actor({ partitions: 4, label: '4', failFirst: (n) => n === 1_000, retry: [3_000] })], database: true });
    await recorder.send(publisher, keys, 5);
    await recorder.sendOne(publisher, 'late', 1_000);
    await eventually(() => recorder.handled.size === keys.length * 5, 10_000, 'the first messages');
    for (const { subscription } of four.operations.mailboxes) await subscription.pause(); // this process stops taking (an operator's pause, operations.pause, would hold for the next start too)
    await recorder.send(publisher, keys, 5); // queued in the 4 partitions
    await four.stop();

    // 8 partitions, started while messages keep coming.
    let stopSending = keepSending(recorder, publisher, keys, 50);
    const eight = await systems.start({ actors: [recorder.actor({ partitions: 8, work: 2, label: '8' })], database: true });
    expect(eight.operations.mailboxes.map((m) => m.queue)).toEqual(Array.from({ length: 8 }, (_, i) => `${mailbox}.${i}-of-8`));
    await sleep(500);
    await stopSending();
    await eventually(() => recorder.allHandled, 60_000, 'everything sent so far, the late retry included');
    expect(await queuesOf(mailbox)).toEqual(eight.operations.mailboxes.map((m) => m.queue).sort());
    for (const { subscription } of eight.operations.mailboxes) await subscription.pause(); // this process stops taking (an operator's pause, operations.pause, would hold for the next start too)
    await recorder.send(publisher, keys, 5); // queued in the 8 partitions
    await eight.stop();

    // 2 partitions.
    stopSending = keepSending(recorder, publisher, keys, 50);
    const two = await systems.start({ actors: [recorder.actor({ partitions: 2, work: 2, label: '2' })], database: true });
    await sleep(500);
    await stopSending();
    await eventually(() => recorder.allHandled, 60_000, 'every message');

    expect(recorder.check()).toEqual({ missing: 0, twice: 0, outOfOrder: [] });
    expect(recorder.sent.length).toBeGreaterThan(keys.length * 15);
    expect(await queuesOf(mailbox)).toEqual([`${mailbox}.0-of-2`, `${mailbox}.1-of-2`]);
    expect(two.stage).toBe('stable');
  }, 180_000); // three starts, each moving queues over: past the default 60 s on a loaded machine

  it('retries a dead letter of a partition an earlier count had into the partition its key has now', async () => {
    let fixed = false;
    const handled: string[] = [];
    const ledger = (partitions: number) => defineActor({
      landscape: 'repartition', service: 'parking', partitions, retry: [],
      commands: { Book: (m) => { if (!fixed) throw new Error('not yet'); handled.push(m.id); } },
    });
    const two = await systems.start({ actors: [ledger(2)], database: true });
    const command = createCommand('Book', {}, { source: 'test', partitionKey: 'acct-7' });
    await testInternals(two).bus.send('repartition', 'parking', command);
    const [parked] = await eventually(async () => {
      const found = await two.operations.deadLetters!.list({ type: 'Book' });
      return found.length > 0 ? found : undefined;
    }, 10_000, 'the dead letter');
    expect(parked!.queue).toMatch(/\.[01]-of-2$/);
    await two.stop();

    const three = await systems.start({ actors: [ledger(3)], database: true });
    fixed = true;
    await three.operations.deadLetters!.retry(parked!.id, 'ops'); // its queue is gone; the mailbox's entry takes it
    await eventually(() => handled.includes(command.id), 10_000, 'the retried message');
  });

  it('1 → 3 → 1: partitioning an existing mailbox and going back keeps each key in order', async () => {
    const recorder = new Recorder('repartition', 'orders');
    const keys = keysNamed('order', 6);
    const publisher = await systems.start({ actors: [] });
    const mailbox = publisher.names.mailbox('repartition', 'orders');

    const one = await systems.start({ actors: [recorder.actor({ label: '1' })], database: true });
    for (const { subscription } of one.operations.mailboxes) await subscription.pause(); // this process stops taking (an operator's pause, operations.pause, would hold for the next start too)
    await recorder.send(publisher, keys, 5);
    await one.stop();

    let stopSending = keepSending(recorder, publisher, keys, 50);
    const three = await systems.start({ actors: [recorder.actor({ partitions: 3, work: 2, label: '3' })], database: true });
    await sleep(300);
    await stopSending();
    await eventually(() => recorder.allHandled, 30_000, 'everything sent to one queue and then to three');
    expect(await queuesOf(mailbox)).toEqual([0, 1, 2].map((i) => `${mailbox}.${i}-of-3`));
    for (const { subscription } of three.operations.mailboxes) await subscription.pause(); // this process stops taking (an operator's pause, operations.pause, would hold for the next start too)
    await recorder.send(publisher, keys, 5);
    await three.stop();

    stopSending = keepSending(recorder, publisher, keys, 50);
    await systems.start({ actors: [recorder.actor({ label: '1 again' })], database: true });
    await sleep(300);
    await stopSending();
    await eventually(() => recorder.allHandled, 60_000, 'every message');
    expect(recorder.check()).toEqual({ missing: 0, twice: 0, outOfOrder: [] });
    expect(await queuesOf(mailbox)).toEqual([]); // only the mailbox itself (and its parked queue) are left
    for (const exchange of [`${mailbox}.partitions`, `${mailbox}.3-partitions`]) {
      expect((await managementFetch(`/api/exchanges/%2F/${encodeURIComponent(exchange)}`)).status, exchange).toBe(404);
    }
  }, 180_000); // three starts too
});
