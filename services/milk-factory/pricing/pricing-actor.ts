import { milkFactory } from '../landscape.ts';
import { on } from '../../../actors/mod.ts';
import { contractApprovedSchema } from '../billing/billing-messages.ts';
import { contractTerminatedSchema } from '../replacement/replacement-messages.ts';
import { discountsSurchargesAddedSchema } from '../shared/message-schemas.ts';
import { followIndexedContract, indexValues, isIndexed, priceIndexed } from './indexed-contracts.ts';
import { priceTable, priceTree } from './price-tree.ts';
import { readPrices } from './read-prices.ts';
import type { PricingTables } from './pricing-tables.ts';
import { storePrices } from './store-prices.ts';


/**
 * pricing: on `DiscountsSurchargesAdded` prices every component (children first, exact
 * decimals), stores the rows stamped with the draft's sync timestamp and publishes
 * `PricesUpdated`. A leaf without a rule is a business error (an `Error` to the session);
 * a message older than the rows held is stale and ignored. `ReadPrices` (billing) is
 * answered with the root's total of each contract and year (`read-prices.ts`). An indexed
 * product's contracts are also followed (`indexed-contracts.ts`: their days as dsc passes
 * them on, RUNNING from `ContractApproved`, the end from `ContractTerminated`) so a changed index
 * reprices the running ones and each year is priced with its own index.
 */
export const pricingActor = milkFactory.defineActor<PricingTables>({
  service: 'pricing',
  retry: [500, 2_000, 5_000],
  commands: { ReadPrices: readPrices },
  events: {
    DiscountsSurchargesAdded: on(discountsSurchargesAddedSchema, async (message, context) => {
      const db = context.db;
      const { contractId, productId, syncTimestamp, components, discounts, start, end } = message.data;
      const held = await db.selectFrom('prices').select('sync_timestamp').where('contract_id', '=', contractId).forUpdate().limit(1).executeTakeFirst();
      if (held && held.sync_timestamp > syncTimestamp) {
        context.logger.info({ contractId }, 'stale DiscountsSurchargesAdded ignored');
        return;
      }
      if (isIndexed(productId)) {
        const row = await followIndexedContract(context, contractId, productId, {
          components, discounts, sync_timestamp: syncTimestamp, ...(start ? { start_day: start } : {}), ...(end ? { end_day: end } : {}),
        });
        await priceIndexed(context, row, await indexValues(db));
        return;
      }
      await storePrices(context, { contractId, syncTimestamp, components, table: priceTable(priceTree(components, discounts)) });
    }),
    ContractApproved: on(contractApprovedSchema, async (message, context) => {
      const { id, productId, start, end } = message.data.contract;
      if (isIndexed(productId)) await followIndexedContract(context, id, productId, { state: 'RUNNING', start_day: start, end_day: end });
    }),
    ContractTerminated: on(contractTerminatedSchema, async (message, context) => {
      const { contractId, end } = message.data;
      await context.db.updateTable('indexed_contracts').set({ state: 'TERMINATED', end_day: end }).where('contract_id', '=', contractId).execute();
    }),
  },
});
