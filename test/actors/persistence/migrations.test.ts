import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations, schemaName } from '../../../actors/mod.ts';
import { createTestNamespace } from '../../support/namespace.ts';
import { dropSchemas, testDatabase } from '../../support/actor-system.ts';

const namespace = createTestNamespace('migrations');
const sql = testDatabase();
afterAll(async () => {
  await dropSchemas(namespace);
  await sql.end();
});

async function folder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'migrations-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('migrations', () => {
  it('apply each schema\'s files in order, once, recorded in the runtime schema', async () => {
    const root = await folder({
      'shop/0002_add_price.sql': 'alter table items add column price int not null default 0;',
      'shop/0001_items.sql': 'create table items (id text primary key);\ncreate index items_id on items (id);',
      'shop/notes.txt': 'not a migration',
    });
    const migrations = await readMigrations(root, ['shop']);
    expect(migrations.map((m) => m.name)).toEqual(['0001_items.sql', '0002_add_price.sql']);

    expect(await migrate(sql, migrations, namespace)).toHaveLength(2);
    expect(await migrate(sql, migrations, namespace)).toEqual([]);
    const shop = schemaName(namespace, 'shop');
    await sql.unsafe(`insert into "${shop}".items (id, price) values ('a', 3)`);
    const recorded = await sql.unsafe(`select schema, name from "${schemaName(namespace, 'actors')}".migrations order by name`);
    expect(recorded.map((r) => `${r.schema}/${r.name}`)).toEqual(['shop/0001_items.sql', 'shop/0002_add_price.sql']);
  });

  it('run each file in a transaction: a failing file changes nothing and is not recorded', async () => {
    const root = await folder({ 'broken/0001_half.sql': 'create table first (id int);\ncreate table first (id int);' });
    await expect(migrate(sql, await readMigrations(root, ['broken']), namespace)).rejects.toThrow(/already exists/);
    const tables = await sql`select table_name from information_schema.tables where table_schema = ${schemaName(namespace, 'broken')}`;
    expect(tables).toHaveLength(0);
    const recorded = await sql.unsafe(`select name from "${schemaName(namespace, 'actors')}".migrations where schema = 'broken'`);
    expect(recorded).toHaveLength(0);
  });

  it('apply a file once when several processes start at the same time', async () => {
    const root = await folder({ 'race/0001_counter.sql': 'create table counter (n int);\ninsert into counter values (1);' });
    const migrations = await readMigrations(root, ['race']);
    const results = await Promise.all([migrate(sql, migrations, namespace), migrate(sql, migrations, namespace), migrate(sql, migrations, namespace)]);
    expect(results.flat()).toHaveLength(1);
    const rows = await sql.unsafe(`select count(*)::int as n from "${schemaName(namespace, 'race')}".counter`);
    expect(rows[0]!.n).toBe(1);
  });
});
