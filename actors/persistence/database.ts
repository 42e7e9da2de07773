import { Kysely, type Transaction } from 'kysely';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { pipelinedTransaction } from './pipelined-transaction.ts';

/** A Kysely instance and the driver under it (closed together). */
export interface Database {
  readonly db: Kysely<any>;
  readonly sql: postgres.Sql;
  /** A transaction whose statements are pipelined (see `pipelinedTransaction`); the hot paths use it. */
  transaction<T>(body: (trx: Transaction<any>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  /** Connections in the pool. */
  max?: number;
}

/** Opens a pool; the database named in the URL is created first if it does not exist. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  await ensureDatabaseExists(options.url);
  const sql = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
  const db = new Kysely<any>({ dialect: new PostgresJSDialect({ postgres: sql }) });
  // Kysely ends the pool only if it ever used it (its driver starts lazily): end it too.
  return { db, sql, transaction: (body) => pipelinedTransaction(sql, db, body), close: async () => { await db.destroy(); await sql.end(); } };
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
        if (error.code !== '42P04') throw error; // created meanwhile by another process
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
