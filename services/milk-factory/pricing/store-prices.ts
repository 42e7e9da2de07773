import type { MilkFactoryContext } from '../landscape.ts';
import type { DraftComponent } from '../products/draft-component.ts';
import type { PriceTable } from './price-tree.ts';
import type { PricingTables } from './pricing-tables.ts';

export interface PricedContract {
  contractId: string;
  syncTimestamp: string;
  components: readonly DraftComponent[];
  table: PriceTable;
  /** Further `PricesUpdated` fields (an indexed contract's year and index). */
  extra?: Record<string, unknown>;
}

/**
 * The contract's price rows replaced by `table` (the root's marked: billing reads it), and
 * `PricesUpdated` with them, in the caller's transaction.
 */
export async function storePrices(context: MilkFactoryContext<PricingTables>, priced: PricedContract): Promise<void> {
  const db = context.db;
  const { contractId, syncTimestamp, components, table } = priced;
  const rootId = components.find((c) => c.parentId === null)?.id;
  await db.deleteFrom('prices').where('contract_id', '=', contractId).execute();
  await db.insertInto('prices').values(Object.entries(table).map(([componentId, price]) => ({
    contract_id: contractId, component_id: componentId, total: price.total, tax: price.tax, sync_timestamp: syncTimestamp, root: componentId === rootId,
  }))).execute();
  context.publish('PricesUpdated', { contractId, syncTimestamp, priceByComponentId: table, ...priced.extra });
}
