import { sql, type Kysely, type Selectable } from 'kysely';
import type { Order } from './order.ts';
import { percentOfRate, vatRateOf } from './vat-rate.ts';

export interface OrdersTable {
  id: string;
  net_total: number;
  vat_percent: number;
  delivery_sent: boolean;
  order_date: string;
  updated_at: Date;
}

/** The orders service's own tables (schema `vouchers_orders`). */
export interface OrdersTables {
  orders: OrdersTable;
}

type OrderRow = Omit<Selectable<OrdersTable>, 'order_date'> & { order_date: string };

// A `date` column read as text: no time zone can shift the day.
const orderColumns = ['id', 'net_total', 'vat_percent', 'delivery_sent', sql<string>`order_date::text`.as('order_date'), 'updated_at'] as const;

export async function insertOrder(db: Kysely<OrdersTables>, order: Order): Promise<void> {
  await db.insertInto('orders').values(toRow(order)).execute();
}

export async function saveDelivery(db: Kysely<OrdersTables>, order: Order): Promise<void> {
  await db.updateTable('orders').set({ delivery_sent: order.deliverySent, updated_at: new Date(order.updatedAt) }).where('id', '=', order.id).execute();
}

/** One order, locked for the caller's transaction (two delivers at once: the second sees it sent). */
export async function findOrderForUpdate(db: Kysely<OrdersTables>, id: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').select(orderColumns).where('id', '=', id).forUpdate().executeTakeFirst();
  return row && fromRow(row);
}

/** The earliest undelivered order (by date, then creation), locked; skipped if another request holds it. */
export async function earliestUndelivered(db: Kysely<OrdersTables>): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').select(orderColumns).where('delivery_sent', '=', false)
    .orderBy('order_date').orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
  return row && fromRow(row);
}

export async function findOrder(db: Kysely<OrdersTables>, id: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').select(orderColumns).where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** Newest first. */
export async function listOrders(db: Kysely<OrdersTables>, limit: number): Promise<Order[]> {
  const rows = await db.selectFrom('orders').select(orderColumns).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(fromRow);
}

function toRow(order: Order): OrdersTable {
  const percent = percentOfRate(order.vatRate);
  if (percent === undefined) throw new RangeError(`vat rate ${order.vatRate} is not a whole percent`);
  return {
    id: order.id, net_total: order.netTotal, vat_percent: percent, delivery_sent: order.deliverySent,
    order_date: order.orderDate, updated_at: new Date(order.updatedAt),
  };
}

function fromRow(row: OrderRow): Order {
  return {
    id: row.id, netTotal: row.net_total, vatRate: vatRateOf(row.vat_percent), deliverySent: row.delivery_sent,
    orderDate: row.order_date, updatedAt: new Date(row.updated_at).toISOString(),
  };
}
