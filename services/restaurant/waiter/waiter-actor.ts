import { defineActor, isPersistent, on, TechnicalError, type Handles, type HandlerContext } from '../../../actors/mod.ts';
import { landscape } from '../config.ts';
import { orderDocument } from '../document/order-document.ts';
import { recordProgress, type WaiterDb } from './order-store.ts';
import { statusOfEvent } from './order-status.ts';

/** The events that tell how far an order got. */
const progressEvents = ['OrderCooked', 'OrderPriced', 'OrderPaid', 'ProcessFinished', 'GaveUpOnRetryingCooking'] as const;

/**
 * The waiter: places orders (REST, `waiter-routes.ts`) and keeps his orders up to date
 * from their events, so the guests (and the board) can ask how far each one got.
 */
export const waiterActor = defineActor({
  landscape,
  service: 'waiter',
  events: Object.fromEntries(progressEvents.map((type) => [type, on(orderDocument, async (message, context) => {
    await recordProgress(db(context), message.data.orderId, statusOfEvent(type)!, message.data);
  })])) as Handles,
});

function db(context: HandlerContext): WaiterDb {
  if (!isPersistent(context)) throw new TechnicalError('the waiter keeps state: run it with a database');
  return context.db as WaiterDb;
}
