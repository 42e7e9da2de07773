// What the vouchers API answers, as the components read it (spec vouchers.md).

export interface OrderView {
  id: string;
  netTotal: number;
  vatRate: number;
  deliverySent: boolean;
  orderDate: string;
  updatedAt?: string;
}

export interface VoucherView {
  id: string;
  type: string;
  value: number;
  redeemed: boolean;
  relatedOrderId: string;
  strategy: string;
}

/** An order event the orders service could not publish after its last retry. */
export interface PublicationView {
  id: string;
  orderId: string;
  type: string;
  status: string;
  attempts: number;
  lastError: string | null;
  parkedAt: string | null;
}

/** Net × (1 + rate) for display, from integer cents (the same arithmetic as the rule). */
export function grossText(order: Pick<OrderView, 'netTotal' | 'vatRate'>): string {
  const cents = order.netTotal * (100 + Math.round(order.vatRate * 100));
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Puts `item` in `list` by id (replacing an older copy), newest first by id (ULIDs sort by time). */
export function upsertById<T extends { id: string }>(list: readonly T[], item: T): T[] {
  return [item, ...list.filter((other) => other.id !== item.id)].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
