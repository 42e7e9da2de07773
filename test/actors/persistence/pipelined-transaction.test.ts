import { Kysely, sql as raw, isAbortedTransactionError } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaName } from '../../../actors/mod.ts';
import { pipelinedTransaction } from '../../../actors/persistence/pipelined-transaction.ts';
import { kyselyTransactions } from '../../../actors/fast-paths/kysely.ts';
import { dropSchemas, eventually } from '../../support/actor-system.ts';
import { databaseUrl } from '../../support/environment.ts';
import { createTestNamespace } from '../../support/namespace.ts';

const namespace = createTestNamespace('pipelined');
const schema = schemaName(namespace, 'pipelined');
/** The statements the driver sent, in order. */
const log: string[] = [];
// One connection, so the pool cannot spread the statements over several.
const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {}, debug: (_connection, query) => log.push(`sent ${query}`) });
const db = new Kysely<any>({ dialect: new PostgresJSDialect({ postgres: sql }) });
const rows = db.withSchema(schema);
const ids = async () => (await rows.selectFrom('t').select('id').orderBy('id').execute()).map((r) => r.id);

beforeAll(async () => {
  await sql.unsafe(`create schema "${schema}"; create table "${schema}".t (id int primary key)`);
});
afterAll(async () => {
  await db.destroy();
  await sql.end();
  await dropSchemas(namespace);
});

describe('a pipelined transaction', () => {
  it('sends the statements a body issues together before the first of them answered', async () => {
    // The first statement waits for a lock held elsewhere: while it waits, has the second one gone out?
    const { holder, release, holding } = await holdAdvisoryLock(7301);
    log.length = 0;
    const done = pipelinedTransaction(sql, db, async (trx) => {
      await Promise.all([
        trx.selectNoFrom(raw`pg_advisory_xact_lock(7301)`.as('locked')).execute(),
        trx.selectNoFrom(raw<number>`2`.as('n')).execute(),
      ]);
    });
    try {
      await eventually(async () => (await holder`select 1 from pg_stat_activity where wait_event = 'advisory'`).length > 0, 5_000, 'the first statement waiting for the lock');
      expect(log).toEqual(['sent begin', 'sent select pg_advisory_xact_lock(7301) as "locked"', 'sent select 2 as "n"']);
    } finally {
      release();
      await holding;
      await done;
      await holder.end();
    }
    expect(log.at(-1)).toBe('sent commit');
  });

  it('commits what the body wrote and answers its result', async () => {
    const result = await pipelinedTransaction(sql, db, async (trx) => {
      await Promise.all([trx.withSchema(schema).insertInto('t').values({ id: 1 }).execute(), trx.withSchema(schema).insertInto('t').values({ id: 2 }).execute()]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await ids()).toEqual([1, 2]);
  });

  it('a body that throws leaves nothing behind, and its error is the one thrown', async () => {
    const refused = pipelinedTransaction(sql, db, async (trx) => {
      await trx.withSchema(schema).insertInto('t').values({ id: 3 }).execute();
      throw new Error('changed my mind');
    });
    await expect(refused).rejects.toThrow('changed my mind');
    expect(await ids()).toEqual([1, 2]);
  });

  it('a statement that failed unawaited makes the commit fail, and nothing of the transaction stays', async () => {
    const spoilt = pipelinedTransaction(sql, db, async (trx) => {
      await trx.withSchema(schema).insertInto('t').values({ id: 4 }).execute();
      void trx.withSchema(schema).insertInto('t').values({ id: 1 }).execute().catch(() => {}); // duplicate key
    });
    await expect(spoilt).rejects.toSatisfy(isAbortedTransactionError);
    expect(await ids()).toEqual([1, 2]);
  });

  it('gives the connection back: the pool of one serves the next transaction', async () => {
    for (const id of [5, 6]) await pipelinedTransaction(sql, db, (trx) => trx.withSchema(schema).insertInto('t').values({ id }).execute());
    expect(await ids()).toEqual([1, 2, 5, 6]);
  });

  it('sends the commit right behind a deferred statement, before that statement answered', async () => {
    // The deferred insert waits for a lock held elsewhere: while it waits, has the commit gone out?
    const { holder, release, holding } = await holdAdvisoryLock(7302);
    log.length = 0;
    const done = pipelinedTransaction(sql, db, async (trx, deferral) => {
      await trx.withSchema(schema).insertInto('t').values({ id: 7 }).execute();
      deferral.defer(trx.withSchema(schema).insertInto('t').columns(['id']).expression(raw`select 8 from (select pg_advisory_xact_lock(7302)) as locked`).execute());
      return 'deferred';
    });
    try {
      await eventually(async () => (await holder`select 1 from pg_stat_activity where wait_event = 'advisory'`).length > 0, 5_000, 'the deferred statement waiting for the lock');
      await eventually(() => log.at(-1) === 'sent commit', 5_000, 'the commit sent');
      expect(log.slice(-2)[0]).toMatch(/^sent insert into .*pg_advisory_xact_lock\(7302\)/);
    } finally {
      release();
      await holding;
      await holder.end();
    }
    expect(await done).toBe('deferred');
    expect(await ids()).toEqual([1, 2, 5, 6, 7, 8]);
  });

  it('a deferred statement that fails is the error thrown, and nothing of the transaction stays', async () => {
    const spoilt = pipelinedTransaction(sql, db, async (trx, deferral) => {
      await trx.withSchema(schema).insertInto('t').values({ id: 9 }).execute();
      deferral.defer(trx.withSchema(schema).insertInto('t').values({ id: 1 }).execute()); // duplicate key
    });
    await expect(spoilt).rejects.toThrow(/duplicate key/);
    expect(await ids()).toEqual([1, 2, 5, 6, 7, 8]);
  });

  it('on Kysely\'s own transactions a deferred statement is awaited before the commit: committed, or its error thrown', async () => {
    const ownTransactions = await kyselyTransactions(sql, db, false, undefined);
    await ownTransactions(async (trx, deferral) => deferral.defer(trx.withSchema(schema).insertInto('t').values({ id: 10 }).execute()));
    const spoilt = ownTransactions(async (trx, deferral) => {
      await trx.withSchema(schema).insertInto('t').values({ id: 11 }).execute();
      deferral.defer(trx.withSchema(schema).insertInto('t').values({ id: 1 }).execute());
    });
    await expect(spoilt).rejects.toThrow(/duplicate key/);
    expect(await ids()).toEqual([1, 2, 5, 6, 7, 8, 10]);
  });
});

/** A transaction elsewhere holding advisory lock `key` until `release`; `holder` (two connections: one holds, one watches) is ended by the caller. */
async function holdAdvisoryLock(key: number): Promise<{ holder: postgres.Sql; release: () => void; holding: Promise<unknown> }> {
  const holder = postgres(databaseUrl(), { max: 2, onnotice: () => {} });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = holder.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${key})`;
    locked();
    await held;
  });
  await isLocked;
  return { holder, release, holding };
}
