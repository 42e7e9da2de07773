import type { Emit } from '../messages.ts';
import type { PointRecord } from './point-tables.ts';

export type PointsRefund =
  /** Give back exactly what was debited for the order; the record is marked REFUNDED, not deleted. */
  | { kind: 'refund'; record: PointRecord; holderId: string; amount: number; balance: number; emit: Emit }
  /** Nothing debited yet: a tombstone, so an ExchangeSucceeded arriving later debits nothing. */
  | { kind: 'tombstone'; record: PointRecord }
  /** Refunded already, failed or expired: a duplicate ExchangeCompensated changes nothing. */
  | { kind: 'nothing' };

/** Whose balance a refund of this record would change (so the caller can lock and read it). */
export function refundHolder(existing: PointRecord | undefined): string | undefined {
  return existing?.status === 'DEBITED' && existing.holderId !== null ? existing.holderId : undefined;
}

/**
 * On ExchangeCompensated, the last step of the compensation (it runs after the exchange's,
 * never beside it): refund what this service debited for the order, once. `balance` is the
 * holder's current balance (read when `refundHolder` names one).
 */
export function refundPoints(existing: PointRecord | undefined, orderId: string, holderId: string | undefined, balance: number): PointsRefund {
  if (!existing) return { kind: 'tombstone', record: { orderId, holderId: holderId ?? null, amount: 0, status: 'CANCELLED' } };
  const holder = refundHolder(existing);
  if (holder === undefined) return { kind: 'nothing' };
  const { amount } = existing;
  const after = balance + amount;
  return {
    kind: 'refund',
    record: { ...existing, status: 'REFUNDED' },
    holderId: holder,
    amount,
    balance: after,
    emit: { type: 'PointsRefunded', data: { orderId, holderId: holder, amount, balance: after } },
  };
}
