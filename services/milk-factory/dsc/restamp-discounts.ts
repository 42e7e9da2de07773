import type { Kysely } from 'kysely';
import type { MilkFactoryContext } from '../landscape.ts';
import type { DraftComponent } from '../products/draft-component.ts';
import { discountsAfterChange, type DiscountRow } from './automatic-discounts.ts';
import type { DscTables } from './dsc-tables.ts';

export interface DraftCopy {
  contractId: string;
  productId: string;
  syncTimestamp: string;
  components: DraftComponent[];
  /** The contract's days: pricing shows an indexed product's prices for a year within them. */
  start?: string;
  end?: string;
}

/**
 * Recomputes the automatic discounts, keeps the manual ones (whose component still
 * exists), stamps every row with the draft's sync timestamp and tells pricing, with the
 * model, in `DiscountsSurchargesAdded`.
 */
export async function restampDiscounts(db: Kysely<DscTables>, context: MilkFactoryContext<DscTables>, draft: DraftCopy): Promise<DiscountRow[]> {
  const manual = (await db.selectFrom('discounts').selectAll().where('contract_id', '=', draft.contractId).where('added_manually', '=', true).execute())
    .map((r): DiscountRow => ({ componentId: r.component_id, definitionId: r.definition_id, value: r.value, addedManually: true }));
  const rows = discountsAfterChange(draft.productId, draft.components, manual);
  await db.deleteFrom('discounts').where('contract_id', '=', draft.contractId).execute();
  if (rows.length > 0) {
    await db.insertInto('discounts').values(rows.map((r) => ({
      contract_id: draft.contractId, component_id: r.componentId, definition_id: r.definitionId, value: r.value,
      added_manually: r.addedManually, sync_timestamp: draft.syncTimestamp,
    }))).execute();
  }
  context.publish('DiscountsSurchargesAdded', { ...draft, discounts: rows });
  return rows;
}
