import type postgres from 'postgres';
import { seedRunningContracts, tables } from './seed-billing.ts';

/**
 * The baseline: the bills of `count` other contracts written by set-based SQL alone, in one
 * transaction (lock, insert every day's bill, move billed-to), no message and no step. The
 * job's time over this is what orchestrating it costs (outbox, broker, steps, events).
 */
export async function sqlFloor(sql: postgres.Sql, namespace: string, count: number, firstDay: string, date: string): Promise<{ seconds: number }> {
  await seedRunningContracts(sql, namespace, count, firstDay, 'floor-');
  const t = tables(namespace);
  const started = performance.now();
  await sql.begin(async (trx) => {
    await trx.unsafe(`select 1 from ${t.contracts} where contract_id like 'floor-%' order by contract_id for update`);
    await trx.unsafe(`insert into ${t.bills} (contract_id, from_day, to_day, price, job_id, group_id, created_at)
      select c.contract_id, d::date, d::date, p.total, 'floor', 'floor', now()
      from ${t.contracts} c join ${t.prices} p on p.contract_id = c.contract_id and p.root, generate_series(c.start_day, $1::date, interval '1 day') as d
      where c.contract_id like 'floor-%'`, [date]);
    await trx.unsafe(`update ${t.contracts} set billed_to = $1::date where contract_id like 'floor-%'`, [date]);
  });
  // Billed up to the date: the job's run selects none of them.
  return { seconds: (performance.now() - started) / 1000 };
}
