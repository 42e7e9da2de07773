import { milkFactory } from '../landscape.ts';
import { on } from '../../../actors/mod.ts';
import { discountsSurchargesAddedSchema } from '../shared/message-schemas.ts';
import { priceTable, priceTree } from './price-tree.ts';
import { readPrices } from './read-prices.ts';
import type { PricingTables } from './pricing-tables.ts';

/**
 * pricing: on `DiscountsSurchargesAdded` prices every component (children first, exact
 * decimals), stores the rows stamped with the draft's sync timestamp and publishes
 * `PricesUpdated`. A leaf without a rule is a business error (an `Error` to the session);
 * a message older than the rows held is stale and ignored. `ReadPrices` (billing) is
 * answered with the root's total of each contract (`read-prices.ts`).
 */
export const pricingActor = milkFactory.defineActor<PricingTables>({
  service: 'pricing',
  retry: [500, 2_000, 5_000],
  commands: { ReadPrices: readPrices },
  events: {
    DiscountsSurchargesAdded: on(discountsSurchargesAddedSchema, async (message, context) => {
      const db = context.db;
      const { contractId, syncTimestamp, components, discounts } = message.data;
      const held = await db.selectFrom('prices').select('sync_timestamp').where('contract_id', '=', contractId).forUpdate().limit(1).executeTakeFirst();
      if (held && held.sync_timestamp > syncTimestamp) {
        context.logger.info({ contractId }, 'stale DiscountsSurchargesAdded ignored');
        return;
      }
      const table = priceTable(priceTree(components, discounts));
      const rootId = components.find((c) => c.parentId === null)?.id;
      await db.deleteFrom('prices').where('contract_id', '=', contractId).execute();
      await db.insertInto('prices').values(Object.entries(table).map(([componentId, price]) => ({
        contract_id: contractId, component_id: componentId, total: price.total, tax: price.tax, sync_timestamp: syncTimestamp, root: componentId === rootId,
      }))).execute();
      context.publish('PricesUpdated', { contractId, syncTimestamp, priceByComponentId: table });
    }),
  },
});
