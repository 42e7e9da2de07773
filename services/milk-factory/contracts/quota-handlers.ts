import type { Kysely } from 'kysely';
import { on } from '../../../actors/mod.ts';
import type { MilkFactoryContext } from '../landscape.ts';
import { decideRelease, decideReservation, boxQuantity, type Reservation } from '../subscriptions/quota.ts';
import { contractExpiredSchema, contractExtendedSchema, quotaCommandSchema, requisitionService } from '../subscriptions/subscription-messages.ts';
import type { ContractRow, ContractsTables } from './contract-tables.ts';


/** The subscription and what was decided for this requisition, both locked (the contract first, always). */
async function load(db: Kysely<ContractsTables>, contractId: string, requisitionId: string) {
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
  const earlier = await db.selectFrom('quota_reservations').select(['quantity', 'term', 'state', 'reason'])
    .where('requisition_id', '=', requisitionId).forUpdate().executeTakeFirst();
  return { row, earlier: earlier as Reservation | undefined };
}

async function store(db: Kysely<ContractsTables>, context: MilkFactoryContext<ContractsTables>, row: ContractRow, requisitionId: string, record: Reservation | undefined, claimed: number) {
  if (record) {
    const values = { ...record, decided_at: new Date(context.clock.now()).toISOString() };
    await db.insertInto('quota_reservations').values({ requisition_id: requisitionId, contract_id: row.id, ...values })
      .onConflict((conflict) => conflict.column('requisition_id').doUpdateSet(values)).execute();
  }
  if (claimed !== row.quota_claimed) {
    await db.updateTable('contracts').set({ quota_claimed: claimed }).where('id', '=', row.id).execute();
    context.publish('QuotaChanged', { contractId: row.id, total: boxQuantity(row.components), claimed });
  }
}

/**
 * contracts' side of requisitions (spec step 1, and the release of step 3): reserve or
 * release a subscription's boxes, one decision per requisition whatever the copies, and
 * answer the requisition's instance. Also the subscription's term as billing moves it.
 */
export const quotaHandlers = {
  commands: {
    ReserveQuota: on(quotaCommandSchema, async (message, context: MilkFactoryContext<ContractsTables>) => {
      const { requisitionId, contractId, quantity } = message.data;
      const db = context.db;
      const { row, earlier } = await load(db, contractId, requisitionId);
      const total = row ? boxQuantity(row.components) : 0;
      if (!row || row.contract_type !== 'SUBSCRIPTION') {
        context.send(requisitionService, 'ContractNotRunning', { ...message.data, claimed: 0, total, reason: `contract ${contractId} is not a subscription` });
        return;
      }
      const outcome = decideReservation({ state: row.state, total, claimed: row.quota_claimed, term: row.term }, quantity, earlier);
      await store(db, context, row, requisitionId, 'record' in outcome ? outcome.record : undefined, outcome.claimed);
      context.send(requisitionService, outcome.answer, { ...message.data, claimed: outcome.claimed, total, ...('reason' in outcome ? { reason: outcome.reason } : {}) });
    }),
    ReleaseQuota: on(quotaCommandSchema, async (message, context: MilkFactoryContext<ContractsTables>) => {
      const { requisitionId, contractId, quantity } = message.data;
      const db = context.db;
      const { row, earlier } = await load(db, contractId, requisitionId);
      if (!row) return; // nothing was ever reserved on an unknown contract
      const outcome = decideRelease({ state: row.state, total: boxQuantity(row.components), claimed: row.quota_claimed, term: row.term }, quantity, earlier);
      await store(db, context, row, requisitionId, outcome.record, outcome.claimed);
    }),
  },
  events: {
    // Billing extended the subscription: a new term, its quota unclaimed (spec).
    ContractExtended: on(contractExtendedSchema, async (message, context: MilkFactoryContext<ContractsTables>) => {
      const { contractId, end } = message.data;
      const db = context.db;
      const row = await db.selectFrom('contracts').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst();
      if (!row || row.end_date >= end) return; // a copy, or an older extension
      await db.updateTable('contracts').set({ end_date: end, quota_claimed: 0, term: row.term + 1 }).where('id', '=', contractId).execute();
      context.publish('QuotaChanged', { contractId, total: boxQuantity(row.components), claimed: 0 });
    }),
    ContractExpired: on(contractExpiredSchema, async (message, context: MilkFactoryContext<ContractsTables>) => {
      await context.db.updateTable('contracts').set({ state: 'EXPIRED' }).where('id', '=', message.data.contractId).where('state', '=', 'RUNNING').execute();
    }),
  },
};
