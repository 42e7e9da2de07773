import { sql } from 'kysely';
import { on } from '../../../actors/mod.ts';
import { milkFactory, type MilkFactoryContext } from '../landscape.ts';
import { json } from '../shared/state-access.ts';
import { contractTerminatedSchema } from '../replacement/replacement-messages.ts';
import { cancelDistributionSchema, organiseDistributionSchema, requisitionService } from '../subscriptions/subscription-messages.ts';
import { oneOffApprovedSchema } from './distribution-messages.ts';
import { deliveryColumns, deliveryView, type DeliveryRow, type DistributionTables } from './distribution-tables.ts';


async function schedule(context: MilkFactoryContext<DistributionTables>, delivery: Omit<DeliveryRow, 'delivery_id' | 'state' | 'cancel_reason' | 'created_at'>): Promise<DeliveryRow | undefined> {
  const row: DeliveryRow = { ...delivery, delivery_id: crypto.randomUUID(), state: 'SCHEDULED', cancel_reason: null, created_at: new Date(context.clock.now()) };
  const inserted = await context.db.insertInto('deliveries').values({ ...row, address: json(row.address) as never })
    .onConflict((conflict) => conflict.doNothing()).returning('delivery_id').executeTakeFirst();
  if (!inserted) return undefined;
  context.publish('DeliveryChanged', deliveryView(row));
  return row;
}

/**
 * distribution: owns the deliveries (spec). A requisition's delivery is scheduled on its
 * `deliverBy` day, once per requisition (a copy of the command answers the same delivery),
 * never after it was cancelled; an approved one-off contract gets one delivery on its start
 * day; a terminated contract's deliveries after its end are cancelled. Each change is a
 * `DeliveryChanged` (My Account shows it live).
 */
export const distributionActor = milkFactory.defineActor<DistributionTables>({
  service: 'distribution',
  retry: [500, 2_000, 5_000],
  commands: {
    OrganiseDistribution: on(organiseDistributionSchema, async (message, context) => {
      const { requisitionId, contractId, quantity, deliverBy, address } = message.data;
      const db = context.db;
      // Serialises copies of one requisition's commands (the row lock of its tombstone or delivery).
      await sql`select pg_advisory_xact_lock(hashtext(${requisitionId}))`.execute(db);
      if (await db.selectFrom('cancelled_requisitions').select('requisition_id').where('requisition_id', '=', requisitionId).executeTakeFirst()) return;
      const existing = await db.selectFrom('deliveries').select(deliveryColumns).where('requisition_id', '=', requisitionId).executeTakeFirst();
      const delivery = existing ?? await schedule(context, { contract_id: contractId, requisition_id: requisitionId, one_off_of: null, quantity, date: deliverBy, address });
      if (!delivery || delivery.state !== 'SCHEDULED') return;
      context.send(requisitionService, 'DistributionOrganised', { requisitionId, contractId, deliveryId: delivery.delivery_id, date: delivery.date });
    }),
    CancelDistribution: on(cancelDistributionSchema, async (message, context) => {
      const { requisitionId } = message.data;
      const db = context.db;
      await sql`select pg_advisory_xact_lock(hashtext(${requisitionId}))`.execute(db);
      await db.insertInto('cancelled_requisitions').values({ requisition_id: requisitionId, cancelled_at: new Date(context.clock.now()) })
        .onConflict((conflict) => conflict.doNothing()).execute();
      const cancelled = await db.updateTable('deliveries').set({ state: 'CANCELLED', cancel_reason: 'requisition rejected' })
        .where('requisition_id', '=', requisitionId).where('state', '=', 'SCHEDULED').returning(deliveryColumns).execute();
      for (const row of cancelled) context.publish('DeliveryChanged', deliveryView(row as DeliveryRow));
    }),
  },
  events: {
    ContractApproved: on(oneOffApprovedSchema, async (message, context) => {
      const { contract, delivery } = message.data;
      if (contract.type === 'SUBSCRIPTION' || !delivery) return; // a subscription's boxes come by requisition
      await schedule(context, { contract_id: contract.id, requisition_id: null, one_off_of: contract.id, quantity: delivery.quantity, date: contract.start, address: delivery.address });
    }),
    ContractTerminated: on(contractTerminatedSchema, async (message, context) => {
      const { contractId, end } = message.data;
      const cancelled = await context.db.updateTable('deliveries').set({ state: 'CANCELLED', cancel_reason: `contract terminated, ending ${end}` })
        .where('contract_id', '=', contractId).where('state', '=', 'SCHEDULED').where(sql<boolean>`date > ${end}::date`)
        .returning(deliveryColumns).execute();
      for (const row of cancelled) context.publish('DeliveryChanged', deliveryView(row as DeliveryRow));
    }),
  },
});
