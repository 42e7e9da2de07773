import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, type ActorSystem } from '../../actors/mod.ts';
import { testInternals } from '../../actors/testing.ts';
import { eventually } from '../support/actor-system.ts';
import { landscape } from '../fixtures/replica-actors.ts';
import { Replicas } from './replica-harness.ts';

const replicas = new Replicas('replica-mailboxes');
afterAll(() => replicas.cleanup());

interface Row { message_id: string; key: string; sequence: number; replica: string }

async function send(sender: ActorSystem, key: string, sequence: number): Promise<string> {
  const command = createCommand('Record', { sequence }, { source: 'test', partitionKey: key });
  await testInternals(sender).bus.send(landscape, 'tally', command);
  return command.id;
}

const handledRows = () => replicas.sql.unsafe<Row[]>(`select message_id, key, sequence, replica from ${replicas.table('replica_tally', 'handled')} order by seq`);

// Several processes start, work and die in each test: minutes on a loaded machine, not seconds.
describe('one mailbox, several processes', { timeout: 120_000 }, () => {
  it('competing consumers: every message is handled once, by one of three processes, each taking a share', async () => {
    const processes = ['a', 'b', 'c'];
    await Promise.all(processes.map((name) => replicas.start(name, ['tally'], { WORK_MS: '2' })));
    const sender = await replicas.systems.start({ actors: [] });
    const sent = new Set<string>();
    for (let i = 1; i <= 300; i++) sent.add(await send(sender, `k${i % 10}`, i));

    const rows = await eventually(async () => {
      const found = await handledRows();
      return found.length >= sent.size ? found : undefined;
    }, 40_000, '300 messages handled');
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.message_id))).toEqual(sent);
    const share = (name: string) => rows.filter((r) => r.replica === name).length;
    for (const name of processes) expect(share(name), `messages handled by ${name}`).toBeGreaterThan(0);
    const { consumers } = await sender.operations.queueCounts(sender.names.mailbox(landscape, 'tally'));
    expect(consumers).toBe(3);
  });
});
