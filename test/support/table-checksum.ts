import type postgres from 'postgres';
import { schemaName } from '../../actors/mod.ts';
import { sleep } from './wait.ts';

/**
 * A fingerprint of every table of a test namespace (the runtime's and every service's):
 * per table its row count and an md5 over its rows, so "nothing stored changed" can be
 * asserted around a request.
 */
export async function namespaceChecksum(sql: postgres.Sql, namespace: string): Promise<Record<string, string>> {
  const prefix = schemaName(namespace, '');
  const tables = await sql<Array<{ schema: string; name: string }>>`
    select table_schema as schema, table_name as name from information_schema.tables
    where starts_with(table_schema, ${prefix}) and table_type = 'BASE TABLE' order by 1, 2`;
  if (tables.length === 0) return {};
  const parts = tables.map(({ schema, name }) => {
    const table = `"${schema}"."${name}"`;
    return `select '${schema}.${name}' as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as sum from ${table} x`;
  });
  const rows = await sql.unsafe<Array<{ t: string; sum: string }>>(parts.join(' union all '));
  return Object.fromEntries(rows.map((row) => [row.t, row.sum]));
}

/** Waits until the namespace's tables stop changing (`quietFor` ms without a change), at most `timeout` ms. */
export async function settled(sql: postgres.Sql, namespace: string, quietFor = 1_000, timeout = 20_000): Promise<Record<string, string>> {
  const until = Date.now() + timeout;
  let last = JSON.stringify(await namespaceChecksum(sql, namespace));
  let since = Date.now();
  for (;;) {
    await sleep(250);
    const now = JSON.stringify(await namespaceChecksum(sql, namespace));
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietFor) {
      return JSON.parse(now) as Record<string, string>;
    }
    if (Date.now() > until) throw new Error(`the tables of ${namespace} kept changing for ${timeout} ms`);
  }
}
