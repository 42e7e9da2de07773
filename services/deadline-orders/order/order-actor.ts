import { deadlineOrders, type DeadlineOrdersContext } from '../landscape.ts';
import type { OrderTables } from './order-tables.ts';
import { settleOrder, type OrderOutcome } from './settle-order.ts';

/**
 * The order service: keeps each order's status. Orders are created by `POST /orders`
 * (order-routes.ts); the outcomes of the other services settle them (settle-order.ts).
 */
export const orderActor = deadlineOrders.defineActor<OrderTables>({
  service: 'order',
  events: {
    PointsUsed: (message, context) => settle(message.data.orderId, { type: 'PointsUsed' }, context),
    PointsUseFailed: (message, context) =>
      settle(message.data.orderId, { type: 'PointsUseFailed', reason: message.data.reason }, context),
    DeadlineReached: (message, context) => settle(message.data.orderId, { type: 'DeadlineReached' }, context),
  },
});

async function settle(orderId: string, outcome: OrderOutcome, context: DeadlineOrdersContext<OrderTables>): Promise<void> {
  const { db } = context;
  // The row lock makes concurrent outcomes (PointsUsed racing DeadlineReached) take turns:
  // the first settles the order, the second finds it final.
  const order = await db.selectFrom('orders').select(['order_id as orderId', 'holder_id as holderId', 'status'])
    .where('order_id', '=', orderId).forUpdate().executeTakeFirst();
  if (!order) {
    context.logger.warn({ orderId, outcome: outcome.type }, 'an outcome for an unknown order is ignored');
    return;
  }
  const settlement = settleOrder(order, outcome);
  if (!settlement) {
    context.logger.info({ orderId, status: order.status, outcome: outcome.type }, 'order already final: outcome ignored');
    return;
  }
  await db.updateTable('orders')
    .set({ status: settlement.status, reason: settlement.reason ?? null, settled_at: new Date(context.clock.now()) })
    .where('order_id', '=', orderId).execute();
  context.publish(settlement.emit.type, settlement.emit.data);
}
