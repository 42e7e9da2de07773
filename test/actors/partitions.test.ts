import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor } from '../../actors/mod.ts';
import { TestSystems, eventually, sleep } from '../support/actor-system.ts';
import { testInternals } from '../../actors/testing.ts';

const systems = new TestSystems('partitions');
afterAll(() => systems.cleanup());

describe('partitioned mailboxes', () => {
  it('keep the order per key with several consumers in several processes', async () => {
    const seen = new Map<string, number[]>();
    const byProcess = [0, 0];
    const ledger = (process: number) => defineActor({
      landscape: 'bank',
      service: 'ledger',
      partitions: 4,
      prefetch: 20,
      commands: {
        ChangeBalance: async (m) => {
          byProcess[process]! += 1;
          await sleep(Math.random() * 3); // uneven work, so any reordering would show
          const key = String(m.metadata.partitionKey);
          seen.set(key, [...(seen.get(key) ?? []), Number(m.data.sequence)]);
        },
      },
    });
    // Two processes run the same actor; each partition has one active consumer.
    const first = await systems.start({ actors: [ledger(0)] });
    await systems.start({ actors: [ledger(1)] });

    const keys = Array.from({ length: 12 }, (_, i) => `DE${String(i).padStart(2, '0')}`);
    const perKey = 25;
    const sends: Promise<void>[] = [];
    for (let sequence = 1; sequence <= perKey; sequence++) {
      for (const key of keys) {
        sends.push(testInternals(first).bus.send('bank', 'ledger', createCommand('ChangeBalance', { sequence }, { source: 'test', partitionKey: key })));
      }
    }
    await Promise.all(sends);
    await eventually(() => [...seen.values()].reduce((n, s) => n + s.length, 0) === keys.length * perKey, 20_000, 'every message');

    for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: perKey }, (_, i) => i + 1));
    expect(byProcess[0]! + byProcess[1]!).toBe(keys.length * perKey);
  });

  it('spread keys over the partitions', async () => {
    const actor = defineActor({ landscape: 'spread', service: 'ledger', partitions: 4, commands: { Noop: () => {} } });
    const system = await systems.start({ actors: [actor] });
    const mailbox = system.names.mailbox('spread', 'ledger');
    for (const handle of system.operations.mailboxes) await system.operations.pause(handle.queue);
    await Promise.all(Array.from({ length: 200 }, (_, i) =>
      testInternals(system).bus.send('spread', 'ledger', createCommand('Noop', {}, { source: 'test', partitionKey: `key-${i}` }))));
    const counts = await testInternals(system).broker.withChannel(async (channel) => {
      const result: number[] = [];
      for (let i = 0; i < 4; i++) result.push((await channel.checkQueue(system.names.partition(mailbox, i, 4))).messageCount);
      return result;
    });
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    for (const count of counts) expect(count).toBeGreaterThan(10);
  });
});
