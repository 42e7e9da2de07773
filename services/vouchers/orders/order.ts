import { vatPercentFor, vatRateOf } from './vat-rate.ts';

/** An order as the API shows it (spec, Orders); netTotal in whole euros. */
export interface Order {
  id: string;
  netTotal: number;
  vatRate: number;
  deliverySent: boolean;
  orderDate: string;
  updatedAt: string;
}

/** What the order events carry (spec: the voucher side reads the order from the event). */
export type OrderEventData = { order: Omit<Order, 'updatedAt'> };

export const defaultNetTotal = 150;

/** A new order: VAT from its date; not delivered yet. */
export function newOrder(input: { id: string; netTotal?: number | undefined; orderDate: string; now: number }): Order {
  return {
    id: input.id,
    netTotal: input.netTotal ?? defaultNetTotal,
    vatRate: vatRateOf(vatPercentFor(input.orderDate)),
    deliverySent: false,
    orderDate: input.orderDate,
    updatedAt: new Date(input.now).toISOString(),
  };
}

/**
 * Marks the delivery sent. Delivering twice changes nothing the second time (spec), so an
 * order already sent answers `undefined`: no write, no event.
 */
export function deliver(order: Order, now: number): Order | undefined {
  if (order.deliverySent) return undefined;
  return { ...order, deliverySent: true, updatedAt: new Date(now).toISOString() };
}

export function orderEventData(order: Order): OrderEventData {
  const { updatedAt: _updatedAt, ...rest } = order;
  return { order: rest };
}

/** Today in UTC as `YYYY-MM-DD`, the default order date. */
export function dateOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
