import { appMigrations } from '../../../app-config.ts';
import { runtimeMigrations } from '../../../actors/mod.ts';
import { sql as rawSql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, createEvent, defineActor, schemaName, type Envelope } from '../../../actors/mod.ts';
import { migrate, readMigrations } from '../../../actors/persistence/migrations.ts';
import { storeInOutbox } from '../../../actors/persistence/outbox.ts';
import { dispatchAfterCommit } from '../../../actors/persistence/dispatch-after-commit.ts';
import type { MessageBus } from '../../../actors/messaging/message-bus.ts';
import type { AddressedMessage } from '../../../actors/messaging/addressed-message.ts';
import { ledgerActor } from '../../fixtures/ledger-actor.ts';
import { TestSystems, eventually, sleep, testDatabase } from '../../support/actor-system.ts';
import { dropSchemas } from '../../support/actor-system.ts';
import { createTestNamespace } from '../../support/namespace.ts';
import { databaseUrl } from '../../support/environment.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('pending');
const sql = testDatabase();
const migrated = createTestNamespace('pending-migration');
afterAll(async () => {
  await systems.cleanup();
  await dropSchemas(migrated);
  await sql.end();
});

const runtime = (table: string, namespace = systems.namespace) => `"${schemaName(namespace, 'actors')}".${table}`;

describe('the outbox: pending until the broker confirmed, then kept for replays', () => {
  it('a handled message leaves its outbox row, and no pending row once its event was confirmed', async () => {
    const deposited: Envelope[] = [];
    const watcher = defineActor({ landscape: 'pend', service: 'watcher', events: { Deposited: (m) => { deposited.push(m); } } });
    const system = await systems.start({ actors: [ledgerActor({ landscape: 'pend', service: 'ledger' }), watcher], database: true });
    const command = createCommand('Deposit', { account: 'p-1', amount: 5 }, { source: 'test' });
    await testInternals(system).bus.send('pend', 'ledger', command);
    await eventually(() => deposited.length === 1);
    const [event] = deposited;
    await eventually(async () => (await sql.unsafe(`select 1 from ${runtime('outbox_pending')} where $1 = any(ids)`, [event!.id])).length === 0,
      5_000, 'the pending row deleted');
    const stored = await sql.unsafe(`select id from ${runtime('outbox')} where causation_id = $1`, [command.id]);
    expect(stored.map((r) => r.id)).toEqual([event!.id]);
  });

  it('the sweeper skips a pending row another transaction holds, then publishes it once, same id, and deletes it', async () => {
    const swept: Envelope[] = [];
    const watcher = defineActor({ landscape: 'pend-sweep', service: 'watcher', events: { LeftBehind: (m) => { swept.push(m); } } });
    const system = await systems.start({ actors: [watcher], database: { url: databaseUrl(), migrations: [appMigrations], sweeper: { interval: 3_600_000 } } });
    const event = createEvent('LeftBehind', { n: 1 }, { source: 'test' });
    const long = new Date(Date.now() - 60_000);
    await sql.unsafe(`insert into ${runtime('outbox')} (id, actor, route, landscape, message, created_at) values ($1, 'a', 'event', 'pend-sweep', $2, $3)`,
      [event.id, sql.json(event as never), long]);
    await sql.unsafe(`insert into ${runtime('outbox_pending')} (id, created_at) values ($1, $2)`, [event.id, long]);

    // A dispatch after commit holds the row (it is deleting it): the sweeper leaves it alone.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = sql.begin(async (tx) => {
      await tx.unsafe(`select id from ${runtime('outbox_pending')} where id = $1 for update`, [event.id]);
      locked();
      await released;
    });
    await isLocked;
    expect(await testInternals(system).store!.sweeper.sweepOnce()).toBe(0);
    release();
    await holder;

    expect(await testInternals(system).store!.sweeper.sweepOnce()).toBe(1);
    await eventually(() => swept.length === 1);
    expect(swept[0]!.id).toBe(event.id);
    expect(await sql.unsafe(`select 1 from ${runtime('outbox_pending')} where id = $1`, [event.id])).toHaveLength(0);
    expect(await sql.unsafe(`select 1 from ${runtime('outbox')} where id = $1`, [event.id])).toHaveLength(1);
    expect(await testInternals(system).store!.sweeper.sweepOnce()).toBe(0); // nothing left: not published twice
    await sleep(100);
    expect(swept).toHaveLength(1);
  });

  it('a transaction stores one pending row listing its messages in order; the sweeper publishes them in that order and deletes the row', async () => {
    const swept: Envelope[] = [];
    // One at a time, so the handler sees the events in the order they arrived: with the
    // default ten at once, each in its own transaction, handlers ran in the order their
    // transactions got going, which is not the order on the wire.
    const watcher = defineActor({ landscape: 'pend-many', service: 'watcher', concurrency: 1, events: { Stored: (m) => { swept.push(m); } } });
    const system = await systems.start({ actors: [watcher], database: { url: databaseUrl(), migrations: [appMigrations], sweeper: { interval: 3_600_000 } } });
    // What a transaction left behind when its process died before publishing (backdated).
    const events = [1, 2, 3].map((n) => createEvent('Stored', { n }, { source: 'test' }));
    await sql.begin(async (tx) => {
      for (const [i, event] of events.entries()) {
        await tx.unsafe(`insert into ${runtime('outbox')} (id, actor, route, landscape, message, ordinal, created_at) values ($1, 'rest', 'event', 'pend-many', $2, $3, now() - interval '1 minute')`,
          [event.id, sql.json(event as never), i + 1]);
      }
      await tx.unsafe(`insert into ${runtime('outbox_pending')} (id, ids, created_at) values ('tx-1', $1, now() - interval '1 minute')`, [events.map((e) => e.id)]);
    });

    expect(await testInternals(system).store!.sweeper.sweepOnce()).toBe(3);
    await eventually(() => swept.length === 3);
    expect(swept.map((m) => m.data.n)).toEqual([1, 2, 3]);
    expect(await sql.unsafe(`select 1 from ${runtime('outbox_pending')} where id = 'tx-1'`)).toHaveLength(0);
    expect(await testInternals(system).store!.sweeper.sweepOnce()).toBe(0);
  });

  it('storing the messages of a transaction writes one pending row listing them in the order stored', async () => {
    const system = await systems.start({ actors: [], database: { url: databaseUrl(), migrations: [appMigrations], sweeper: { interval: 3_600_000 } } });
    const messages = [1, 2, 3].map((n): AddressedMessage => ({ route: 'event', landscape: 'pend-store', message: createEvent('Stored', { n }, { source: 'test' }) }));
    const pendingIds = await testInternals(system).store!.runtimeDb.transaction().execute((trx) => storeInOutbox(trx, 'pend.store', messages));
    expect(pendingIds).toHaveLength(1);
    const [pendingId] = pendingIds;
    const rows = await sql.unsafe(`select id, ids from ${runtime('outbox_pending')} where id = $1`, [pendingId!]);
    expect(rows).toEqual([{ id: pendingId, ids: messages.map((m) => m.message.id) }]);
    expect(await sql.unsafe(`select 1 from ${runtime('outbox_pending')} where id = any($1::text[])`, [messages.map((m) => m.message.id)])).toHaveLength(0);
  });

  it('a pending row is dated when its transaction stores it, not when the transaction began', async () => {
    const system = await systems.start({ actors: [], database: { url: databaseUrl(), migrations: [appMigrations], sweeper: { interval: 3_600_000 } } });
    const message: AddressedMessage = { route: 'event', landscape: 'pend-late', message: createEvent('Late', {}, { source: 'test' }) };
    const [pendingId] = await testInternals(system).store!.runtimeDb.transaction().execute(async (trx) => {
      await rawSql`select 1`.execute(trx); // the transaction has begun…
      await sleep(1_200); // …and works a while before it stores what it emitted
      return storeInOutbox(trx, 'pend.late', [message]);
    });
    const [row] = await sql.unsafe(`select extract(epoch from now() - created_at) as age from ${runtime('outbox_pending')} where id = $1`, [pendingId!]);
    expect(Number(row!.age)).toBeLessThan(1);
    await sql.unsafe(`delete from ${runtime('outbox_pending')} where id = $1`, [pendingId!]); // never to be published
  });

  it('a dispatch still publishing renews its lease: the sweeper leaves its messages to it, and takes them once it stopped', async () => {
    const swept: Envelope[] = [];
    const watcher = defineActor({ landscape: 'pend-slow', service: 'watcher', events: { Slow: (m) => { swept.push(m); } } });
    const system = await systems.start({ actors: [watcher], database: { url: databaseUrl(), migrations: [appMigrations], sweeper: { interval: 3_600_000, minAge: 400 } } });
    const store = testInternals(system).store!;
    await sql.unsafe(`delete from ${runtime('outbox_pending')}`); // what earlier tests left is not this test's
    const message: AddressedMessage = { route: 'event', landscape: 'pend-slow', message: createEvent('Slow', {}, { source: 'test' }) };
    const pendingIds = await store.runtimeDb.transaction().execute((trx) => storeInOutbox(trx, 'pend.slow', [message]));
    // A broker slow to confirm: the publish takes 1.5 s, well past the sweeper's 400 ms.
    let published = 0;
    const slowBus = { publish: () => new Promise<void>((resolve) => setTimeout(() => { published += 1; resolve(); }, 1_500)) } as unknown as MessageBus;
    const dispatched = dispatchAfterCommit(slowBus, store.runtimeDb, [message], pendingIds, system.logger, system.clock, 150);
    for (let i = 0; i < 4; i++) {
      await sleep(300);
      expect(await store.sweeper.sweepOnce()).toBe(0);
    }
    await dispatched;
    expect(published).toBe(1);
    expect(await sql.unsafe(`select 1 from ${runtime('outbox_pending')} where id = any($1::text[])`, [pendingIds])).toHaveLength(0);

    // A dispatch that failed renews nothing: its rows are the sweeper's after minAge.
    const lost: AddressedMessage = { route: 'event', landscape: 'pend-slow', message: createEvent('Slow', {}, { source: 'test' }) };
    const lostIds = await store.runtimeDb.transaction().execute((trx) => storeInOutbox(trx, 'pend.slow', [lost]));
    const failingBus = { publish: () => Promise.reject(new Error('broker gone')) } as unknown as MessageBus;
    await dispatchAfterCommit(failingBus, store.runtimeDb, [lost], lostIds, system.logger, system.clock, 150);
    await sleep(500);
    expect(await store.sweeper.sweepOnce()).toBe(1);
    await eventually(() => swept.length === 1);
    expect(swept[0]!.id).toBe(lost.message.id);
  });

  it('the migration to pending rows keeps what was not dispatched pending, and only that', async () => {
    const all = await readMigrations(runtimeMigrations, ['actors']);
    const before = all.filter((m) => m.name < '0004');
    expect(await migrate(sql, before, migrated)).toHaveLength(before.length);
    await sql.unsafe(`insert into ${runtime('outbox', migrated)} (id, actor, route, landscape, message, dispatched_at) values
      ('sent', 'a', 'event', 'l', '{}', now()), ('unsent', 'a', 'event', 'l', '{}', null)`);
    await migrate(sql, all, migrated);
    const pending = await sql.unsafe(`select id from ${runtime('outbox_pending', migrated)}`);
    expect(pending.map((r) => r.id)).toEqual(['unsent']);
    const outbox = await sql.unsafe(`select id from ${runtime('outbox', migrated)} order by id`);
    expect(outbox.map((r) => r.id)).toEqual(['sent', 'unsent']);
  });
});
