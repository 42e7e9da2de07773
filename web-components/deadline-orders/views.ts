// What the deadline-orders API answers, as the components read it (spec deadline-orders.md).

export type OrderStatus = 'PENDING' | 'APPROVED' | 'REJECTED_DUE_TO_POINT_LIMIT' | 'REJECTED_DUE_TO_DEADLINE';

export interface OrderView {
  orderId: string;
  holderId: string;
  currencyId: number;
  amount: number;
  status: OrderStatus;
  reason?: string;
  deadline: string;
  createdAt: string;
}

/** One entry of an order's timeline (`GET /orders/<orderId>/events`, or a stream event). */
export interface TimelineEntry {
  id: string;
  type: string;
  data: Record<string, unknown>;
  source: string;
  occurredAt: string;
}

export const base = '/api/deadline-orders';

/** The order with `order` put in (replacing the one with its id), newest first. */
export function upsertOrder(orders: readonly OrderView[], order: OrderView): OrderView[] {
  const rest = orders.filter((o) => o.orderId !== order.orderId);
  return [order, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A final status is never replaced by an older PENDING copy (a slow answer racing the stream). */
export function newer(known: OrderView | undefined, incoming: OrderView): OrderView {
  if (known && known.status !== 'PENDING' && incoming.status === 'PENDING') return known;
  return incoming;
}

export function statusText(status: OrderStatus): string {
  return status.replaceAll('_', ' ').toLowerCase();
}

/** What an event means for the order, in a few words, for the timeline. */
export function eventSummary(entry: Pick<TimelineEntry, 'type' | 'data'>): string {
  const d = entry.data;
  switch (entry.type) {
    case 'OrderCreated': return `${String(d.amount)} points, currency ${String(d.currencyId)}, deadline ${timeOf(String(d.deadline))}`;
    case 'ExchangeSucceeded': return `exchanged ${String(d.amount)}`;
    case 'ExchangeCompensated': return `exchange of ${String(d.amount)} compensated`;
    case 'PointsUsed': return `${String(d.amount)} points used, balance ${String(d.balance)}`;
    case 'PointsUseFailed': return String(d.reason);
    case 'PointsRefunded': return `${String(d.amount)} points refunded, balance ${String(d.balance)}`;
    case 'DeadlineReached': return `deadline ${timeOf(String(d.deadline))} reached`;
    case 'OrderPlaced': return 'approved';
    case 'OrderRejected': return `rejected: ${String(d.reason)}`;
    default: return '';
  }
}

export function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 23);
}
