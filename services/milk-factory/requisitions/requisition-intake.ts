import { on } from '../../../actors/mod.ts';
import { milkFactory } from '../landscape.ts';
import { contractTerminatedSchema } from '../replacement/replacement-messages.ts';
import { intakeService, requisitionSchema, requisitionService } from './requisition-names.ts';
import type { RequisitionTables } from './requisition-tables.ts';

/**
 * requisition-intake: the requisitions' way in. `POST /contracts/<id>/requisitions` writes
 * in its transaction (routes/); here it hears `ContractTerminated` and rejects each PENDING
 * requisition of that contract (`RejectRequisition` to its instance, which releases the
 * quota and cancels the delivery). A requisition asked after that finds the contract not
 * RUNNING when contracts decides its reservation, and is rejected the same way.
 */
export const requisitionIntake = milkFactory.defineActor<RequisitionTables>({
  service: intakeService,
  schema: requisitionSchema,
  retry: [500, 2_000, 5_000],
  events: {
    ContractTerminated: on(contractTerminatedSchema, async (message, context) => {
      const { contractId, end } = message.data;
      const pending = await context.db.selectFrom('requisitions')
        .select('requisition_id').where('contract_id', '=', contractId).where('state', '=', 'PENDING').execute();
      for (const { requisition_id } of pending) {
        context.send(requisitionService, 'RejectRequisition', { requisitionId: requisition_id, contractId, reason: `contract terminated, ending ${end}` });
      }
    }),
  },
});
