import { sql } from 'kysely';
import type { DeliveryAddress } from '../subscriptions/subscription-messages.ts';

export type DeliveryState = 'SCHEDULED' | 'CANCELLED';

export interface DeliveryRow {
  delivery_id: string;
  contract_id: string;
  requisition_id: string | null;
  one_off_of: string | null;
  quantity: number;
  date: string;
  address: DeliveryAddress;
  state: DeliveryState;
  cancel_reason: string | null;
  created_at: Date;
}

export interface DistributionTables {
  deliveries: DeliveryRow;
  cancelled_requisitions: { requisition_id: string; cancelled_at: Date };
}

/** A delivery's columns, its day as `YYYY-MM-DD`. */
export const deliveryColumns = ['delivery_id', 'contract_id', 'requisition_id', 'one_off_of', 'quantity', sql<string>`date::text`.as('date'), 'address', 'state', 'cancel_reason', 'created_at'] as const;

/** `GET /deliveries` (spec): `{deliveryId, contractId, requisitionId?, quantity, date, address, state}`. */
export function deliveryView(row: DeliveryRow) {
  return {
    deliveryId: row.delivery_id,
    contractId: row.contract_id,
    ...(row.requisition_id ? { requisitionId: row.requisition_id } : {}),
    quantity: row.quantity,
    date: row.date,
    address: row.address,
    state: row.state,
    ...(row.cancel_reason ? { cancelReason: row.cancel_reason } : {}),
  };
}
