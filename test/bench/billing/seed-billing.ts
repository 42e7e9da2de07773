import type postgres from 'postgres';
import { schemaName } from '../../../actors/mod.ts';

/** Billing's and pricing's tables of a namespace, as the bench writes and checks them. */
export function tables(namespace: string) {
  const table = (service: string, name: string) => `"${schemaName(namespace, `milk_factory_${service}`)}".${name}`;
  return { contracts: table('billing', 'contracts'), bills: table('billing', 'bills'), jobs: table('billing', 'jobs'), prices: table('pricing', 'prices') };
}

/**
 * `count` RUNNING milkshake contracts starting `days - 1` days before `date`, as billing and
 * pricing hold them once approved and priced (their copies of what the sales process
 * reports), written in two set-based statements. Their ids sort in creation order.
 */
export async function seedRunningContracts(sql: postgres.Sql, namespace: string, count: number, firstDay: string, prefix: string): Promise<void> {
  const t = tables(namespace);
  await sql.unsafe(`insert into ${t.contracts} (contract_id, product_id, start_day, end_day, state)
    select $1 || lpad(i::text, 6, '0'), 'COOKIES_MILKSHAKE', $2::date, $2::date + 719, 'RUNNING' from generate_series(1, $3) as i`, [prefix, firstDay, count]);
  await sql.unsafe(`insert into ${t.prices} (contract_id, component_id, total, tax, sync_timestamp, root)
    select $1 || lpad(i::text, 6, '0'), $1 || lpad(i::text, 6, '0') || '-box', 24.33, 1.74, '2023-01-01T00:00:00.000Z', true from generate_series(1, $2) as i`, [prefix, count]);
}

/** Contract-days from each contract's start to `date` billed more than once, and not at all. */
export async function verifyBilledOnce(sql: postgres.Sql, namespace: string, prefix: string, date: string): Promise<{ bills: number; doubleBilled: number; missing: number }> {
  const t = tables(namespace);
  const [row] = await sql.unsafe(`
    with billed as (
      select b.contract_id, d::date as day from ${t.bills} b, generate_series(b.from_day, b.to_day, interval '1 day') as d
      where b.contract_id like $1 || '%'),
    expected as (
      select c.contract_id, d::date as day from ${t.contracts} c, generate_series(c.start_day, least($2::date, c.end_day), interval '1 day') as d
      where c.contract_id like $1 || '%')
    select (select count(*) from ${t.bills} where contract_id like $1 || '%')::int as bills,
      (select count(*) from (select 1 from billed group by contract_id, day having count(*) > 1) as twice)::int as "doubleBilled",
      (select count(*) from expected e where not exists (select 1 from billed b where b.contract_id = e.contract_id and b.day = e.day))::int as missing`, [prefix, date]);
  return row as unknown as { bills: number; doubleBilled: number; missing: number };
}
