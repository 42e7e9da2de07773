import type { Kysely } from 'kysely';
import { defineActor, on, type PersistentContext } from '../../../actors/mod.ts';
import { json } from '../shared/state-access.ts';
import { landscapeName } from '../shared/landscape-name.ts';
import { caseChangedSchema, discountsSurchargesAddedSchema, partnerRelationshipChangedSchema, pricesUpdatedSchema } from '../shared/message-schemas.ts';
import type { ContractRelationship, ContractsTables } from './contract-tables.ts';
import { quotaHandlers } from './quota-handlers.ts';

const dbOf = (context: unknown) => (context as PersistentContext<ContractsTables>).db as Kysely<ContractsTables>;

/**
 * contracts: owns contracts and their component trees. Its REST controllers make the
 * changes (routes/); here it keeps local copies of what the other services report about
 * its contracts, so reads and the offer check need nobody else (self-containment). A copy
 * older than the one held (an earlier sync timestamp) is ignored.
 */
export const contractsActor = defineActor({
  landscape: landscapeName,
  service: 'contracts',
  retry: [500, 2_000, 5_000],
  commands: quotaHandlers.commands,
  events: {
    ...quotaHandlers.events,
    DiscountsSurchargesAdded: on(discountsSurchargesAddedSchema, async (message, context) => {
      const { contractId, syncTimestamp, discounts } = message.data;
      await dbOf(context).updateTable('contracts')
        .set({ discounts: json(discounts) as never, discounts_sync_timestamp: syncTimestamp })
        .where('id', '=', contractId)
        .where((eb) => eb.or([eb('discounts_sync_timestamp', 'is', null), eb('discounts_sync_timestamp', '<=', syncTimestamp)]))
        .execute();
    }),
    PricesUpdated: on(pricesUpdatedSchema, async (message, context) => {
      const { contractId, syncTimestamp, priceByComponentId } = message.data;
      await dbOf(context).updateTable('contracts')
        .set({ prices: json(priceByComponentId) as never, prices_sync_timestamp: syncTimestamp })
        .where('id', '=', contractId)
        .where((eb) => eb.or([eb('prices_sync_timestamp', 'is', null), eb('prices_sync_timestamp', '<=', syncTimestamp)]))
        .execute();
    }),
    PartnerRelationshipChanged: on(partnerRelationshipChangedSchema, async (message, context) => {
      const db = dbOf(context);
      const { partnerId, foreignId, role, start, end, username } = message.data;
      const row = await db.selectFrom('contracts').select('relationships').where('id', '=', foreignId).forUpdate().executeTakeFirst();
      if (!row) return; // a relationship to something that is not a contract
      if (row.relationships.some((r) => r.partnerId === partnerId && r.role === role)) return;
      const relationship: ContractRelationship = { partnerId, role, start: start ?? null, end: end ?? null, username: username ?? null };
      await db.updateTable('contracts').set({ relationships: json([...row.relationships, relationship]) as never }).where('id', '=', foreignId).execute();
    }),
    CaseChanged: on(caseChangedSchema, async (message, context) => {
      await dbOf(context).updateTable('contracts').set({ case_info: json(message.data) as never }).where('id', '=', message.data.referenceId).execute();
    }),
  },
});
