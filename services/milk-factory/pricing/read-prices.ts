import { sql } from 'kysely';
import { BusinessError, on } from '../../../actors/mod.ts';
import type { MilkFactoryContext } from '../landscape.ts';
import { yearOf } from '../shared/calendar-day.ts';
import { readPricesSchema, type PricesByYear } from '../shared/message-schemas.ts';
import { indexValues, pricesForYear } from './indexed-contracts.ts';
import type { IndexValue } from './milk-index.ts';
import type { IndexedContractRow, PricingTables } from './pricing-tables.ts';

/** At most this many contracts are named in the refusal of a read. */
const namedMissing = 5;

/**
 * `ReadPrices` → `PricesRead` to the asker: each contract's price for the years its days
 * fall in, i.e. the root component's total as pricing holds it (the same for every year
 * until prices depend on the year). A contract pricing holds no root price for refuses the
 * whole read (a business error routed back to the asker), naming it. An indexed contract's
 * price is its tree priced with each year's index as it is now (spec: a bill uses the price
 * of its day's year; bills created after an index change use the new value).
 */
export const readPrices = on(readPricesSchema, async (message, context: MilkFactoryContext<PricingTables>) => {
  const db = context.db;
  const { replyTo, periods } = message.data;
  const ids = [...new Set(periods.map((p) => p.contractId))];
  const rows = await db.selectFrom('prices').select(['contract_id', sql<string>`total::text`.as('total')])
    .where('root', '=', true).where(sql<boolean>`contract_id = any(${ids}::text[])`).execute();
  const totals = new Map(rows.map((row) => [row.contract_id, row.total]));
  const missing = ids.filter((id) => !totals.has(id));
  if (missing.length > 0) {
    const more = missing.length > namedMissing ? ` and ${missing.length - namedMissing} more` : '';
    throw new BusinessError(`pricing holds no price for contract ${missing.slice(0, namedMissing).join(', ')}${more}`);
  }
  const indexed = new Map((await db.selectFrom('indexed_contracts').selectAll().where('components', 'is not', null)
    .where(sql<boolean>`contract_id = any(${ids}::text[])`).execute()).map((row) => [row.contract_id, row]));
  const values = indexed.size > 0 ? await indexValues(db) : [];
  const prices: PricesByYear = {};
  for (const { contractId, from, to } of periods) {
    const byYear = (prices[contractId] ??= {});
    for (let year = yearOf(from); year <= yearOf(to); year++) byYear[year] = yearTotal(indexed.get(contractId), values, year) ?? totals.get(contractId)!;
  }
  context.send(replyTo, 'PricesRead', { prices });
});

/** An indexed contract's root total for a year; undefined for a contract not indexed. */
function yearTotal(row: IndexedContractRow | undefined, values: readonly IndexValue[], year: number): string | undefined {
  if (!row?.components) return undefined;
  const root = row.components.find((c) => c.parentId === null);
  return root ? pricesForYear(row.components, row.discounts ?? [], values, year).get(root.id)?.total.toFixed(2) : undefined;
}
