import type { Generated } from 'kysely';

/** What the point service did for an order; kept, never deleted (a refund marks it REFUNDED). */
export type PointOrderStatus = 'DEBITED' | 'REFUNDED' | 'FAILED' | 'EXPIRED' | 'CANCELLED';

export interface PointRecord {
  orderId: string;
  holderId: string | null;
  /** Points debited (0 when nothing was). */
  amount: number;
  status: PointOrderStatus;
}

/** `deadline_orders_point` (sql/deadline_orders_point/). */
export interface PointTables {
  balances: { user_id: string; point: number; updated_at: Date };
  point_orders: { order_id: string; holder_id: string | null; amount: number; status: PointOrderStatus; updated_at: Date };
  point_transactions: {
    id: Generated<string>;
    order_id: string;
    holder_id: string;
    kind: 'DEBIT' | 'REFUND';
    amount: number;
    balance: number;
    at: Date;
  };
}

export function pointRecordOf(row: PointTables['point_orders']): PointRecord {
  return { orderId: row.order_id, holderId: row.holder_id, amount: row.amount, status: row.status };
}
