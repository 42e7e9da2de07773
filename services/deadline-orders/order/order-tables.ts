import type { OrderStatus } from './settle-order.ts';

/** `deadline_orders_order`: the orders and their status (sql/deadline_orders_order/). */
export interface OrderTables {
  orders: {
    order_id: string;
    holder_id: string;
    currency_id: number;
    amount: number;
    status: OrderStatus;
    reason: string | null;
    deadline: Date;
    created_at: Date;
    settled_at: Date | null;
  };
}

export type OrderRow = OrderTables['orders'];

/** An order as the REST API shows it. */
export function orderView(row: OrderRow) {
  return {
    orderId: row.order_id,
    holderId: row.holder_id,
    currencyId: row.currency_id,
    amount: row.amount,
    status: row.status,
    ...(row.reason === null ? {} : { reason: row.reason }),
    deadline: new Date(row.deadline).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
