import { restaurant } from '../landscape.ts';
import { recordProgress, type WaiterTables } from './order-store.ts';
import { statusOfEvent } from './order-status.ts';

/** The events that tell how far an order got. */
const progressEvents = ['OrderCooked', 'OrderPriced', 'OrderPaid', 'ProcessFinished', 'GaveUpOnRetryingCooking'] as const;

/**
 * The waiter: places orders (REST, `waiter-routes.ts`) and keeps his orders up to date
 * from their events, so the guests (and the board) can ask how far each one got.
 */
export const waiterActor = restaurant.defineActor<WaiterTables>({
  service: 'waiter',
  // Each a bare handler: the catalogue's schema (the order document) checks and types its data.
  events: Object.fromEntries(progressEvents.map((type) => [type, async (message, context) => {
    await recordProgress(context.db, message.data.orderId, statusOfEvent(type)!, message.data);
  }])),
});
