import { sql, type Kysely } from 'kysely';
import type { MilkFactoryContext } from '../landscape.ts';
import { products } from '../products/product-catalogue.ts';
import type { DraftComponent } from '../products/draft-component.ts';
import { json } from '../shared/state-access.ts';
import { indexFor, milkIndexName, shownYear, type IndexValue } from './milk-index.ts';
import { priceTable, priceTree, type ComponentDiscount } from './price-tree.ts';
import type { IndexedContractRow, PricingTables } from './pricing-tables.ts';
import { storePrices } from './store-prices.ts';

type PricingContext = MilkFactoryContext<PricingTables>;

export function isIndexed(productId: string): boolean {
  return products.some((p) => p.productId === productId && p.indexedBy !== undefined);
}

/** MILK_INDEX's values, by year. */
export async function indexValues(db: Kysely<PricingTables>, name = milkIndexName): Promise<IndexValue[]> {
  return db.selectFrom('indexes').select(['year', sql<string>`value::text`.as('value')]).where('name', '=', name).orderBy('year').execute();
}

/** The tree's prices for the days of `year`: its Milk × index(year). */
export function pricesForYear(components: readonly DraftComponent[], discounts: readonly ComponentDiscount[], values: readonly IndexValue[], year: number) {
  return priceTree(components, discounts, { milkIndex: indexFor(values, year) });
}

/** Changes pricing's copy of an indexed contract (created when first heard of). */
export async function followIndexedContract(context: PricingContext, contractId: string, productId: string, changes: Partial<IndexedContractRow>): Promise<IndexedContractRow> {
  const values = { ...changes } as Record<string, unknown>;
  for (const column of ['components', 'discounts'] as const) if (changes[column] !== undefined) values[column] = json(changes[column]);
  return context.db.insertInto('indexed_contracts').values({ contract_id: contractId, product_id: productId, ...values } as never)
    .onConflict((oc) => oc.column('contract_id').doUpdateSet(values as never)).returningAll().executeTakeFirstOrThrow();
}

/**
 * Prices an indexed contract as pricing holds it for the year it shows (`shownYear`) and
 * publishes `PricesUpdated {…, year, milkIndex}`. Nothing before its tree has arrived.
 */
export async function priceIndexed(context: PricingContext, row: IndexedContractRow, values: readonly IndexValue[]): Promise<boolean> {
  if (row.components === null || row.sync_timestamp === null) return false;
  const year = shownYear(new Date(context.clock.now()).toISOString().slice(0, 10), row.start_day, row.end_day);
  const table = priceTable(pricesForYear(row.components, row.discounts ?? [], values, year));
  await storePrices(context, {
    contractId: row.contract_id, syncTimestamp: row.sync_timestamp, components: row.components, table,
    extra: { year, milkIndex: indexFor(values, year).toFixed(4) },
  });
  return true;
}

/** A changed index: every RUNNING indexed contract repriced (spec); drafts are priced as they change. */
export async function repriceRunning(context: PricingContext, values: readonly IndexValue[]): Promise<number> {
  const running = await context.db.selectFrom('indexed_contracts').selectAll().where('state', '=', 'RUNNING').orderBy('contract_id').forUpdate().execute();
  let repriced = 0;
  for (const row of running) if (await priceIndexed(context, row, values)) repriced++;
  return repriced;
}
