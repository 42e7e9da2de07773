/** RESERVED = a live exchange; the others are kept records of what was (not) done. */
export type ExchangeStatus = 'RESERVED' | 'COMPENSATED' | 'CANCELLED' | 'EXPIRED';

/** One order's exchange as the rules see it. */
export interface ExchangeRecord {
  orderId: string;
  /** Unknown only for a tombstone of an OrderRejected that did not name the holder. */
  holderId: string | null;
  currencyId: number | null;
  amount: number;
  /** Exact decimal, as text. */
  rate: string;
  exchangedAmount: number;
  status: ExchangeStatus;
}

/** `deadline_orders_exchange` (sql/deadline_orders_exchange/). */
export interface ExchangeTables {
  exchanges: {
    order_id: string;
    holder_id: string | null;
    currency_id: number | null;
    amount: number;
    rate: string;
    exchanged_amount: number;
    status: ExchangeStatus;
    created_at: Date;
    updated_at: Date;
  };
}

export type ExchangeRow = ExchangeTables['exchanges'];

export function recordOf(row: ExchangeRow): ExchangeRecord {
  return {
    orderId: row.order_id, holderId: row.holder_id, currencyId: row.currency_id, amount: row.amount,
    rate: row.rate, exchangedAmount: row.exchanged_amount, status: row.status,
  };
}

export function exchangeView(row: ExchangeRow) {
  return {
    orderId: row.order_id, holderId: row.holder_id, currencyId: row.currency_id, amount: row.amount,
    rate: row.rate, exchangedAmount: row.exchanged_amount, status: row.status,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}
