import { Kysely } from 'kysely';
import postgres from 'postgres';
import { TechnicalError } from '../errors/errors.ts';
import { kyselyTransactions } from '../fast-paths/kysely.ts';
import { sleep, wallClock, type Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { TransactionBody } from './pipelined-transaction.ts';
import { postgresDialect } from './postgres-dialect.ts';
import { startupPadding } from './startup-padding.ts';
import { rejectOrphansOnClose } from './postgres-socket.ts';

/** A Kysely instance and the driver under it (closed together). */
export interface Database {
  readonly db: Kysely<any>;
  readonly sql: postgres.Sql;
  /** A transaction whose statements are pipelined (see `pipelinedTransaction`, and `fast-paths/kysely.ts` for when they are not); the hot paths use it. */
  transaction<T>(body: TransactionBody<T>): Promise<T>;
  /** Refuses new transactions, lets the running ones finish (for a while), then ends the pool. */
  close(): Promise<void>;
}

/** How long `close` waits for running transactions, and then for the pool's connections to end, seconds each. */
const closeTimeout = 5;

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool. */
  max?: number;
  /** The pipelined transaction (`fast-paths/kysely.ts`); default on. */
  fastPaths?: boolean;
  /** Where a fast path that falls back says so. */
  logger?: Logger;
  /** The close timeout's timer; default the wall clock (a script's database, not a system's). */
  clock?: Clock;
}

/** Opens a pool; the database named in the URL is created first if it does not exist. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  await ensureDatabaseExists(options.url);
  const sql = postgres(options.url, { max: options.max ?? 10, onnotice: () => {}, connection: startupPadding });
  rejectOrphansOnClose(sql);
  // No reserved connections (postgres-dialect.ts, transaction-connection.ts): a Postgres restart closes them behind their holder's back.
  const db = new Kysely<any>({ dialect: postgresDialect(sql) });
  const runTransaction = await kyselyTransactions(sql, db, options.fastPaths ?? true, options.logger);
  const running = new Set<Promise<unknown>>();
  let closing = false;
  return {
    db,
    sql,
    transaction(body) {
      if (closing) return Promise.reject(new TechnicalError('the database is closing: no new transaction'));
      const transaction = runTransaction(body);
      const settled = transaction.then(() => {}, () => {});
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return transaction;
    },
    async close() {
      // postgres.js's `end` never resolves when a reserved connection (a transaction's) is
      // released while it waits, and a connection reserved meanwhile is a new one: so no new
      // transaction, the running ones finish first, and `end` cuts what is left after a while.
      closing = true;
      await Promise.race([Promise.all(running), sleep(options.clock ?? wallClock, closeTimeout * 1000)]);
      await sql.end({ timeout: closeTimeout });
      // Kysely ends the pool only if it ever used it (its driver starts lazily); by now its end finds it ended.
      await db.destroy();
    },
  };
}

/** `CREATE DATABASE` when missing (common spec: DATABASE_URL is "created if missing"). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) return;
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (!row) {
      await admin.unsafe(`create database ${quoteIdentifier(name)}`).catch((error: { code?: string }) => {
        // Created meanwhile by another process: Postgres says so with 42P04, or, when both
        // creates ran at once, with a unique violation on pg_database's name index (23505).
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * The Postgres schema of a service (rule 1: one per service, plus `actors` for the runtime).
 * A namespace (tests) prefixes it, so runs sharing one database do not meet.
 */
export function schemaName(namespace: string, schema: string): string {
  const full = namespace ? `${namespace}_${schema}` : schema;
  return full.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
