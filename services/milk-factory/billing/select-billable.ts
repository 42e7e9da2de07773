import { sql, type Kysely } from 'kysely';
import type { BillingTables } from './billing-tables.ts';
import type { SelectedContract } from './group-contracts.ts';

/**
 * The contracts a run for `date` bills (spec): RUNNING, and TERMINATED up to their end,
 * started by `date`, with a day left to bill up to `min(date, end)` (the same rule as
 * `periodsToBill`, in SQL: one statement for any number of contracts). `only` narrows it
 * to some contracts (the first bill of an approved contract).
 */
export async function selectBillable(db: Kysely<BillingTables>, date: string, only?: readonly string[]): Promise<SelectedContract[]> {
  const firstDay = sql<string>`coalesce(billed_to + 1, start_day)`;
  let query = db.selectFrom('contracts')
    .select(['contract_id as contractId', 'product_id as productId', sql<string>`(${firstDay})::text`.as('firstDay')])
    .where('state', 'in', ['RUNNING', 'TERMINATED'])
    .where(sql<boolean>`start_day <= ${date}::date`)
    .where(sql<boolean>`${firstDay} <= least(${date}::date, end_day)`);
  if (only) query = query.where(sql<boolean>`contract_id = any(${only}::text[])`);
  return query.execute();
}
