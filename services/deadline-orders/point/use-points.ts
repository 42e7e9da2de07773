import { isPast, type Emit, type ExchangeSucceeded } from '../messages.ts';
import type { PointRecord } from './point-tables.ts';

export const insufficientPoints = 'insufficient points';

export type PointsUse =
  | { kind: 'debit'; record: PointRecord; balance: number; emit: Emit }
  | { kind: 'fail'; record: PointRecord; emit: Emit }
  /** Past the deadline: nothing debited (the order is being rejected); recorded, no event. */
  | { kind: 'expired'; record: PointRecord }
  /** The order already has a record: a duplicate ExchangeSucceeded, or a compensation came first. */
  | { kind: 'nothing' };

/**
 * On ExchangeSucceeded: debit the holder's points once per order, if the order is not past
 * its deadline and the balance covers the amount (a balance equal to it does).
 */
export function usePoints(existing: PointRecord | undefined, balance: number, exchange: ExchangeSucceeded, now: number): PointsUse {
  if (existing) return { kind: 'nothing' };
  const { orderId, holderId, amount } = exchange;
  if (exchange.deadline !== undefined && isPast(exchange.deadline, now)) {
    return { kind: 'expired', record: { orderId, holderId, amount: 0, status: 'EXPIRED' } };
  }
  if (balance < amount) {
    return {
      kind: 'fail',
      record: { orderId, holderId, amount: 0, status: 'FAILED' },
      emit: { type: 'PointsUseFailed', data: { orderId, holderId, reason: insufficientPoints } },
    };
  }
  const after = balance - amount;
  return {
    kind: 'debit',
    record: { orderId, holderId, amount, status: 'DEBITED' },
    balance: after,
    emit: { type: 'PointsUsed', data: { orderId, holderId, amount, balance: after } },
  };
}
