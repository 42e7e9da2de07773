import { afterAll, describe, expect, it } from 'vitest';
import { defineActor, type Envelope } from '../../actors/mod.ts';
import { eventually, sleep } from '../support/actor-system.ts';
import { landscape } from '../fixtures/replica-actors.ts';
import { Replicas } from './replica-harness.ts';

const replicas = new Replicas('replica-outbox');
afterAll(() => replicas.cleanup());

// Several processes start, work and die in each test: minutes on a loaded machine, not seconds.
describe('processes starting and sweeping at once', { timeout: 120_000 }, () => {
  it('three processes starting at once on a fresh schema run each migration once', async () => {
    const starting = ['m1', 'm2', 'm3'].map((name) => replicas.spawn(name, ['tally', 'counter']));
    await Promise.all(starting.map((child, i) => child.waitFor((l) => l.ready === `m${i + 1}`, `m${i + 1} to start`)));
    expect(starting.flatMap((child) => child.lines.filter((l) => l.code === 'START-010'))).toEqual([]);

    const applied = await replicas.sql.unsafe<Array<{ schema: string; name: string; n: number }>>(
      `select schema, name, count(*)::int as n from ${replicas.table('actors', 'migrations')} group by schema, name order by schema, name`);
    expect(applied.map((m) => m.name)).toEqual(expect.arrayContaining(['0001_inbox_outbox.sql', '0011_paused_mailboxes.sql', '0001_handled.sql', '0002_migration_runs.sql']));
    expect(applied.every((m) => m.n === 1)).toBe(true);
    // A file's own effect, once: a second run would have added a row (or failed on its `create table`).
    const [runs] = await replicas.sql.unsafe<Array<{ n: number }>>(`select count(*)::int as n from ${replicas.table('replica_tally', 'migration_runs')}`);
    expect(runs!.n).toBe(1);
    await Promise.all(starting.map((child) => child.stop()));
  });

  it('the outbox sweepers of three processes publish each pending row once', async () => {
    const received: Envelope[] = [];
    const watcher = defineActor({ landscape, service: 'outbox-watcher', events: { Noted: (m) => { received.push(m); } } });
    await replicas.systems.start({ actors: [watcher] });

    // Committed and never published: 240 rows wait in the outbox, as a crash between commit and publish leaves them.
    const producer = replicas.spawn('producer', ['notes'], { LEAVE_PENDING: '240' });
    expect(await producer.exited()).toBe(0);
    const [pending] = await replicas.sql.unsafe<Array<{ n: number }>>(`select coalesce(sum(cardinality(ids)), 0)::int as n from ${replicas.table('actors', 'outbox_pending')}`);
    expect(pending!.n).toBe(240);
    expect(received).toEqual([]);

    // Three processes with sweepers only, each taking small batches every 20 ms: they contend for the same rows.
    const sweeping = { SWEEPER_INTERVAL: '20', SWEEPER_MIN_AGE: '0', SWEEPER_BATCH: '4' };
    await Promise.all(['s1', 's2', 's3'].map((name) => replicas.start(name, [], sweeping)));
    await eventually(() => received.length >= 240, 30_000, '240 swept events');
    await sleep(1_000); // a second copy would come by now
    expect(received).toHaveLength(240);
    expect(new Set(received.map((e) => e.id)).size).toBe(240);
    expect(received.map((e) => (e.data as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
    await eventually(async () => {
      const [left] = await replicas.sql.unsafe<Array<{ n: number }>>(`select count(*)::int as n from ${replicas.table('actors', 'outbox_pending')}`);
      return left!.n === 0;
    }, 10_000, 'no row pending');
  });
});
