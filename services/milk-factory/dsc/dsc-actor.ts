import { milkFactory } from '../landscape.ts';
import { on } from '../../../actors/mod.ts';
import { draftSchema } from '../shared/message-schemas.ts';
import { json } from '../shared/state-access.ts';
import type { DscTables } from './dsc-tables.ts';
import { restampDiscounts } from './restamp-discounts.ts';

/**
 * dsc (discounts, surcharges, conditions): on every `Draft` recomputes the automatic
 * discounts and re-stamps all rows with the draft's sync timestamp. A `Draft` older than
 * the copy it holds is stale and ignored; the same one again (resync) re-stamps and
 * re-publishes, changing no row.
 */
export const dscActor = milkFactory.defineActor<DscTables>({
  service: 'dsc',
  retry: [500, 2_000, 5_000],
  events: {
    Draft: on(draftSchema, async (message, context) => {
      const db = context.db;
      const { contract, components } = message.data;
      const days = { start: contract.start, end: contract.end };
      const held = await db.selectFrom('drafts').select('sync_timestamp').where('contract_id', '=', contract.id).forUpdate().executeTakeFirst();
      if (held && held.sync_timestamp > contract.syncTimestamp) {
        context.logger.info({ contractId: contract.id }, 'stale Draft ignored');
        return;
      }
      const copy = { state: contract.state, sync_timestamp: contract.syncTimestamp, product_id: contract.productId, draft: json({ components, ...days }) as never };
      // Two first Drafts handled at once both find no copy: only a newer one may replace it.
      const kept = await db.insertInto('drafts').values({ contract_id: contract.id, ...copy })
        .onConflict((oc) => oc.column('contract_id').doUpdateSet(copy).where('drafts.sync_timestamp', '<=', contract.syncTimestamp))
        .returning('contract_id').executeTakeFirst();
      if (!kept) return;
      await restampDiscounts(db, context, { contractId: contract.id, productId: contract.productId, syncTimestamp: contract.syncTimestamp, components, ...days });
    }),
    // An offered draft takes no more discounts.
    DraftOffered: on(draftSchema, async (message, context) => {
      const db = context.db;
      await db.updateTable('drafts').set({ state: message.data.contract.state }).where('contract_id', '=', message.data.contract.id).execute();
    }),
  },
});
