import { vouchers } from '../landscape.ts';
import type { OrdersTables } from './order-store.ts';
import { publishRetrySchedule } from './publish-retry-schedule.ts';

/**
 * The orders service: its state (schema `vouchers_orders`) is written by its REST routes
 * only; it handles no messages. Its events leave through the runtime's outbox on the spec's
 * bounded schedule (`publishRetry`): an attempt fails at once while the broker is
 * unreachable, and after the last retry the event is parked in the outbox for a person.
 */
export const ordersActor = vouchers.defineActor<OrdersTables>({
  service: 'orders',
  publishRetry: { schedule: publishRetrySchedule },
});
