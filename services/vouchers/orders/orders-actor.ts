import { vouchers } from '../landscape.ts';
import type { OrdersTables } from './order-store.ts';

/**
 * The orders service: its state (schema `vouchers_orders`) is written by its REST routes
 * only; it handles no messages. Its events leave through its own publication log on the
 * spec's retry schedule (`publishing/`), not through the runtime outbox, whose sweeper
 * retries every second without end and whose publishes wait while the broker is away.
 */
export const ordersActor = vouchers.defineActor<OrdersTables>({
  service: 'orders',
});
