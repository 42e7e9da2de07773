import type { Emit } from '../messages.ts';
import type { ExchangeRecord } from './exchange-tables.ts';

export type Compensation =
  /** A live exchange is compensated; the point service refunds next (compensation runs in order). */
  | { kind: 'compensate'; emit: Emit }
  /** Nothing reserved yet: a tombstone, so a reservation arriving later (currency 200) never happens. */
  | { kind: 'tombstone' }
  /** Already compensated, cancelled or expired: a duplicate OrderRejected changes nothing. */
  | { kind: 'nothing' };

/** On OrderRejected. The record is kept and marked, never deleted, so a redelivery finds it. */
export function compensateExchange(existing: ExchangeRecord | undefined, orderId: string, holderId: string | undefined): Compensation {
  if (!existing) return { kind: 'tombstone' };
  if (existing.status !== 'RESERVED') return { kind: 'nothing' };
  return {
    kind: 'compensate',
    emit: { type: 'ExchangeCompensated', data: { orderId, amount: existing.exchangedAmount, ...holderFields(holderId ?? existing.holderId) } },
  };
}

function holderFields(holderId: string | null | undefined): { holderId?: string } {
  return holderId ? { holderId } : {};
}

/** The record a tombstone leaves: nothing exchanged, and nothing ever will be for this order. */
export function tombstoneRecord(orderId: string, holderId: string | undefined): ExchangeRecord {
  return { orderId, holderId: holderId ?? null, currencyId: null, amount: 0, rate: '0', exchangedAmount: 0, status: 'CANCELLED' };
}
