import type { DeliveryAddress } from '../subscriptions/subscription-messages.ts';
import type { RequisitionState } from './requisition-names.ts';

export interface RequisitionRow {
  requisition_id: string;
  contract_id: string;
  quantity: number;
  deliver_by: string;
  address: DeliveryAddress;
  state: RequisitionState;
  delivery_id: string | null;
  delivery_date: string | null;
  reason: string | null;
  history: Array<{ state: RequisitionState; at: string }>;
  requested_by: string;
  created_at: Date;
}

export interface RequisitionTables {
  requisitions: RequisitionRow;
}

/** `GET /requisitions/<id>` (spec): `{requisitionId, contractId, quantity, deliverBy, state, deliveryId?, reason?, history}`. */
export function requisitionView(row: RequisitionRow) {
  return {
    requisitionId: row.requisition_id,
    contractId: row.contract_id,
    quantity: row.quantity,
    deliverBy: row.deliver_by,
    state: row.state,
    ...(row.delivery_id ? { deliveryId: row.delivery_id, deliveryDate: row.delivery_date } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    history: row.history,
  };
}
