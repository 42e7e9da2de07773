import { sql } from 'kysely';
import { milkFactory } from '../landscape.ts';
import { on } from '../../../actors/mod.ts';
import { billCreatedSchema } from '../billing/billing-messages.ts';
import { terminateContractSchema } from '../replacement/replacement-messages.ts';
import { json } from '../shared/state-access.ts';
import { caseChangedSchema, discountsSurchargesAddedSchema, partnerRelationshipChangedSchema, pricesUpdatedSchema } from '../shared/message-schemas.ts';
import type { ContractRelationship, ContractsTables } from './contract-tables.ts';
import { terminateContract, terminationRefusal } from './termination.ts';


/**
 * contracts: owns contracts and their component trees. Its REST controllers make the
 * changes (routes/); here it keeps local copies of what the other services report about
 * its contracts, so reads and the offer check need nobody else (self-containment). A copy
 * older than the one held (an earlier sync timestamp) is ignored. `TerminateContract` is
 * the replacement orchestrator's: it ends the replaced contract, or says why not.
 */
export const contractsActor = milkFactory.defineActor<ContractsTables>({
  service: 'contracts',
  retry: [500, 2_000, 5_000],
  commands: {
    TerminateContract: on(terminateContractSchema, async (message, context) => {
      const { contractId, end, replacedBy } = message.data;
      const db = context.db;
      const row = await db.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
      const refusal = row ? terminationRefusal(row, end, row.billed_to) : `no contract ${contractId}`;
      if (row && refusal === undefined) {
        await terminateContract(context, row, end, 'contract-replacement', { replacedBy });
        return;
      }
      // An outcome (rule 6): the orchestrator fails with it, and the contract may be replaced again.
      await db.updateTable('contracts').set({ replacement_id: null }).where('id', '=', contractId).where('replacement_id', '=', replacedBy).execute();
      context.publish('TerminationRejected', { contractId, replacedBy, reason: refusal ?? `no contract ${contractId}` });
    }),
  },
  events: {
    DiscountsSurchargesAdded: on(discountsSurchargesAddedSchema, async (message, context) => {
      const { contractId, syncTimestamp, discounts } = message.data;
      await context.db.updateTable('contracts')
        .set({ discounts: json(discounts) as never, discounts_sync_timestamp: syncTimestamp })
        .where('id', '=', contractId)
        .where((eb) => eb.or([eb('discounts_sync_timestamp', 'is', null), eb('discounts_sync_timestamp', '<=', syncTimestamp)]))
        .execute();
    }),
    PricesUpdated: on(pricesUpdatedSchema, async (message, context) => {
      const { contractId, syncTimestamp, priceByComponentId } = message.data;
      await context.db.updateTable('contracts')
        .set({ prices: json(priceByComponentId) as never, prices_sync_timestamp: syncTimestamp })
        .where('id', '=', contractId)
        .where((eb) => eb.or([eb('prices_sync_timestamp', 'is', null), eb('prices_sync_timestamp', '<=', syncTimestamp)]))
        .execute();
    }),
    PartnerRelationshipChanged: on(partnerRelationshipChangedSchema, async (message, context) => {
      const db = context.db;
      const { partnerId, foreignId, role, start, end, username } = message.data;
      const row = await db.selectFrom('contracts').select('relationships').where('id', '=', foreignId).forUpdate().executeTakeFirst();
      if (!row) return; // a relationship to something that is not a contract
      if (row.relationships.some((r) => r.partnerId === partnerId && r.role === role)) return;
      const relationship: ContractRelationship = { partnerId, role, start: start ?? null, end: end ?? null, username: username ?? null };
      await db.updateTable('contracts').set({ relationships: json([...row.relationships, relationship]) as never }).where('id', '=', foreignId).execute();
    }),
    // The billed-to day, so a termination before it is refused where billing is not read (TerminateContract).
    BillCreated: on(billCreatedSchema, async (message, context) => {
      const { contractId, to } = message.data;
      await context.db.updateTable('contracts').set({ billed_to: to }).where('id', '=', contractId)
        .where(sql<boolean>`(billed_to is null or billed_to < ${to})`).execute();
    }),
    CaseChanged: on(caseChangedSchema, async (message, context) => {
      await context.db.updateTable('contracts').set({ case_info: json(message.data) as never }).where('id', '=', message.data.referenceId).execute();
    }),
  },
});
