import { sql } from 'kysely';
import type { Envelope, InstanceView } from '../../../actors/mod.ts';
import { milkFactory, type MilkFactoryContext } from '../landscape.ts';
import { json } from '../shared/state-access.ts';
import {
  distributionOrganisedSchema, quotaAnswerSchema, rejectRequisitionSchema, startRequisitionSchema, type StartRequisition,
} from '../subscriptions/subscription-messages.ts';
import { businessState, type RequisitionContext } from './requisition-context.ts';
import { requisitionMachine } from './requisition-machine.ts';
import { requisitionSchema, requisitionService } from './requisition-names.ts';
import type { RequisitionTables } from './requisition-tables.ts';

/**
 * The requisition's row (what `GET /requisitions/<id>` reads), in the step's transaction:
 * its state, delivery and reason, and the state appended to its history when it changed.
 */
export async function projectRequisition(instance: InstanceView, context: MilkFactoryContext<RequisitionTables>): Promise<void> {
  const state = businessState(instance.state);
  if (state === undefined) return;
  const requisition = instance.context as RequisitionContext;
  const at = new Date(context.clock.now()).toISOString();
  await context.db.updateTable('requisitions').set({
    state, delivery_id: requisition.deliveryId, delivery_date: requisition.deliveryDate, reason: requisition.reason,
    history: sql`case when state = ${state} then history else history || ${json([{ state, at }])} end`,
  }).where('requisition_id', '=', requisition.requisitionId).execute();
}

const quotaAnswers = ['QuotaReserved', 'QuotaExceeded', 'ContractNotRunning', 'QuotaReleased'] as const;

/**
 * The `requisition` orchestrator (spec): one instance per requisition id, hosted by the
 * runtime (snapshot in Postgres, commands through the outbox, the 10 s deadline a durable
 * timer). Every message it hears names its requisition.
 */
export const requisitionOrchestrator = milkFactory.defineOrchestrator<RequisitionTables>({
  service: requisitionService,
  schema: requisitionSchema,
  machines: [requisitionMachine],
  commands: ['StartRequisition', 'RejectRequisition', 'DistributionOrganised', ...quotaAnswers],
  starts: ['StartRequisition'],
  schemas: {
    StartRequisition: startRequisitionSchema,
    RejectRequisition: rejectRequisitionSchema,
    DistributionOrganised: distributionOrganisedSchema,
    ...Object.fromEntries(quotaAnswers.map((type) => [type, quotaAnswerSchema])),
  },
  key: (message: Envelope) => message.data.requisitionId as string | undefined,
  input: (message) => message.data as StartRequisition,
  project: projectRequisition,
  retry: [500, 2_000, 5_000],
});
