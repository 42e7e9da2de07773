import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type postgres from 'postgres';
import { quoteIdentifier, schemaName } from './database.ts';

/** One migration file: `sql/<schema>/NNNN_<what>.sql`. */
export interface Migration {
  schema: string;
  name: string;
  sql: string;
}

export interface AppliedMigration {
  schema: string;
  name: string;
}

/**
 * Reads the migrations of the given schemas from each root folder (`<root>/<schema>/`),
 * each schema's in file-name order. A missing folder has none.
 */
export async function readMigrations(roots: string | readonly string[], schemas: readonly string[]): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const schema of schemas) {
    const found: Migration[] = [];
    for (const root of typeof roots === 'string' ? [roots] : roots) {
      const folder = join(root, schema);
      const files = await readdir(folder).catch(() => [] as string[]);
      for (const file of files.filter((f) => /^\d{4}_.+\.sql$/.test(f))) {
        found.push({ schema, name: file, sql: await readFile(join(folder, file), 'utf8') });
      }
    }
    migrations.push(...found.sort((a, b) => a.name.localeCompare(b.name)));
  }
  return migrations;
}

/**
 * Applies what has not been applied yet, each migration in its own transaction with
 * `search_path` set to its (namespaced) schema, so the files name no schema. Applied
 * migrations are recorded in `<actors>.migrations`. Each transaction takes an advisory
 * lock and checks the record again, so processes starting at once apply a file once.
 * Runs on the postgres.js driver: only its simple protocol takes a file of several statements.
 */
export async function migrate(sql: postgres.Sql, migrations: readonly Migration[], namespace = ''): Promise<AppliedMigration[]> {
  const registry = quoteIdentifier(schemaName(namespace, 'actors'));
  const lockKey = `migrations:${registry}`;
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${lockKey}))`;
    await tx.unsafe(`create schema if not exists ${registry};
      create table if not exists ${registry}.migrations (
        schema text not null, name text not null, applied_at timestamptz not null default now(),
        primary key (schema, name))`);
  });
  const applied: AppliedMigration[] = [];
  for (const migration of migrations) {
    const target = quoteIdentifier(schemaName(namespace, migration.schema));
    const ran = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${lockKey}))`;
      const [done] = await tx.unsafe(`select 1 from ${registry}.migrations where schema = $1 and name = $2`, [migration.schema, migration.name]);
      if (done) return false;
      await tx.unsafe(`create schema if not exists ${target}; set local search_path to ${target}`);
      await tx.unsafe(migration.sql).catch((error: unknown) => {
        throw new MigrationError(migration, error);
      });
      await tx.unsafe(`insert into ${registry}.migrations (schema, name) values ($1, $2)`, [migration.schema, migration.name]);
      return true;
    });
    if (ran) applied.push({ schema: migration.schema, name: migration.name });
  }
  return applied;
}

/** A migration file Postgres refused: which one, and why (rolled back; nothing after it ran). */
export class MigrationError extends Error {
  constructor(readonly migration: AppliedMigration, cause: unknown) {
    super(`migration sql/${migration.schema}/${migration.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}
