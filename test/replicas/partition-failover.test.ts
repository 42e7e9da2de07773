import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, type ActorSystem } from '../../actors/mod.ts';
import { testInternals } from '../../actors/testing.ts';
import { eventually, sleep } from '../support/actor-system.ts';
import { landscape } from '../fixtures/replica-actors.ts';
import { managementFetch } from '../support/environment.ts';
import { Replicas } from './replica-harness.ts';

const replicas = new Replicas('replica-partitions');
afterAll(() => replicas.cleanup());

interface Row { message_id: string; key: string; sequence: number; replica: string }

// Several processes start, work and die in each test: minutes on a loaded machine, not seconds.
describe('a partitioned mailbox over two processes', { timeout: 120_000 }, () => {
  it('its single active consumer moves to the other process when the owner is SIGKILLed mid-load; every key stays in order, nothing lost or doubled', async () => {
    const env = { TALLY_PARTITIONS: '2', WORK_MS: '5' };
    const owner = await replicas.start('owner', ['tally'], env); // first to subscribe: active on both partitions
    await replicas.start('standby', ['tally'], env);
    const sender = await replicas.systems.start({ actors: [] });
    const mailbox = sender.names.mailbox(landscape, 'tally');
    // Both subscribed to each partition, one active (a passive declare counts only that one; the management API counts both).
    for (const i of [0, 1]) {
      const queue = encodeURIComponent(sender.names.partition(mailbox, i, 2));
      await eventually(async () => ((await (await managementFetch(`/api/queues/%2F/${queue}`)).json()) as { consumers?: number }).consumers === 2, 20_000, `two consumers on partition ${i}`);
    }

    const keys = Array.from({ length: 8 }, (_, i) => `key-${i}`);
    const perKey = 60;
    let sending = true;
    const sent = new Set<string>();
    const publisher = (async () => {
      for (let sequence = 1; sequence <= perKey && sending; sequence++) {
        await Promise.all(keys.map(async (key) => {
          const command = createCommand('Record', { sequence }, { source: 'test', partitionKey: key });
          sent.add(command.id);
          await testInternals(sender).bus.send(landscape, 'tally', command);
        }));
        await sleep(10);
      }
    })();

    const rows = () => replicas.sql.unsafe<Row[]>(`select message_id, key, sequence, replica from ${replicas.table('replica_tally', 'handled')} order by seq`);
    await eventually(async () => (await rows()).length >= 100, 30_000, 'the owner handling a first part');
    expect(new Set((await rows()).map((r) => r.replica))).toEqual(new Set(['owner'])); // the standby waited
    await owner.kill(); // mid-handler: its transactions in flight roll back, its unacked messages go back to the queue
    await publisher;
    sending = false;

    const all = await eventually(async () => {
      const found = await rows();
      return found.length >= sent.size ? found : undefined;
    }, 40_000, `all ${keys.length * perKey} messages handled`);
    expect(all).toHaveLength(keys.length * perKey);
    expect(new Set(all.map((r) => r.message_id))).toEqual(sent);
    expect(all.some((r) => r.replica === 'standby')).toBe(true);
    for (const key of keys) {
      const sequences = all.filter((r) => r.key === key).map((r) => r.sequence);
      expect(sequences, `the order of ${key}`).toEqual(Array.from({ length: perKey }, (_, i) => i + 1));
    }
  });
});
