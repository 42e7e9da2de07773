import type { Generated, Kysely } from 'kysely';
import type { OrderDocument } from '../document/order-document.ts';
import { advanceStatus, type OrderStatus } from './order-status.ts';

export interface WaiterTables {
  orders: {
    order_id: string;
    correlation_id: string;
    table_number: number;
    dodgy: boolean;
    status: string;
    document: OrderDocument;
    placed_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}

export type WaiterDb = Kysely<WaiterTables>;

export interface StoredOrder {
  orderId: string;
  correlationId: string;
  status: OrderStatus;
  document: OrderDocument;
  placedAt: Date;
}

export async function insertOrder(db: WaiterDb, document: OrderDocument, correlationId: string): Promise<void> {
  await db.insertInto('orders').values({
    order_id: document.orderId, correlation_id: correlationId, table_number: document.tableNumber,
    dodgy: document.dodgy, status: 'placed', document,
  }).execute();
}

/**
 * What an event of the order tells: its status moves forward (never back: events come in
 * any order, some twice) and the document becomes the one of the event that moved it.
 */
export async function recordProgress(db: WaiterDb, orderId: string, status: OrderStatus, document: OrderDocument): Promise<boolean> {
  const row = await db.selectFrom('orders').select(['status', 'dodgy']).where('order_id', '=', orderId).forUpdate().executeTakeFirst();
  if (!row) return false;
  const current = row.status as OrderStatus;
  const next = advanceStatus(current, status, row.dodgy);
  if (next === current) return false;
  await db.updateTable('orders').set({ status: next, document, updated_at: new Date() }).where('order_id', '=', orderId).execute();
  return true;
}

export async function findOrder(db: WaiterDb, orderId: string): Promise<StoredOrder | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row && toStored(row);
}

export async function recentOrders(db: WaiterDb, limit: number): Promise<StoredOrder[]> {
  const rows = await db.selectFrom('orders').selectAll().orderBy('placed_at', 'desc').limit(limit).execute();
  return rows.map(toStored);
}

export async function statusCounts(db: WaiterDb): Promise<Record<string, number>> {
  const rows = await db.selectFrom('orders').select(['status']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy('status').execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

function toStored(row: { order_id: string; correlation_id: string; status: string; document: OrderDocument; placed_at: Date }): StoredOrder {
  return { orderId: row.order_id, correlationId: row.correlation_id, status: row.status as OrderStatus, document: row.document, placedAt: row.placed_at };
}
