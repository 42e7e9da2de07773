import { isPast, type Emit, type OrderCreated } from '../messages.ts';
import type { ExchangeRecord } from './exchange-tables.ts';
import { faultOf } from './fault-injection.ts';

/** The exchange rate of every currency (spec: rate 1.0), so the exchanged amount is the order's. */
export const exchangeRate = '1.0';

/** Where an order is in the exchange: just arrived, or back from a fault-injection wait. */
export type ReserveStage = 'arrived' | 'waited-before-check' | 'waited-after-check';

export type ReserveStep =
  | { kind: 'wait'; then: Exclude<ReserveStage, 'arrived'> }
  | { kind: 'ignore-expired' }
  | { kind: 'reserve' };

/**
 * On OrderCreated: an order past its deadline is ignored (the deadline service rejects it);
 * otherwise the exchange is reserved. Currency 100 waits before the check, so it is ignored;
 * currency 200 waits after it and reserves late anyway, as the original did: what follows
 * (point ignores the expired ExchangeSucceeded, the tombstone of a compensation that came
 * first) keeps the end state consistent.
 */
export function nextReserveStep(order: OrderCreated, stage: ReserveStage, now: number): ReserveStep {
  const fault = faultOf(order.currencyId);
  if (stage === 'arrived' && fault === 'wait-before-check') return { kind: 'wait', then: 'waited-before-check' };
  if (stage === 'waited-after-check') return { kind: 'reserve' };
  if (isPast(order.deadline, now)) return { kind: 'ignore-expired' };
  if (stage === 'arrived' && fault === 'wait-after-check') return { kind: 'wait', then: 'waited-after-check' };
  return { kind: 'reserve' };
}

export interface Reservation {
  record: ExchangeRecord;
  emit: Emit;
}

/**
 * Reserves the exchange unless the order already has a record: a duplicate OrderCreated
 * (RESERVED), a compensation that overtook it (CANCELLED), or an expired one. One order, at
 * most one exchange, ever.
 */
export function reserveExchange(existing: ExchangeRecord | undefined, order: OrderCreated): Reservation | undefined {
  if (existing) return undefined;
  const exchangedAmount = order.amount; // × exchangeRate 1.0, exact in integers
  return {
    record: { orderId: order.orderId, holderId: order.holderId, currencyId: order.currencyId, amount: order.amount, rate: exchangeRate, exchangedAmount, status: 'RESERVED' },
    emit: { type: 'ExchangeSucceeded', data: { orderId: order.orderId, holderId: order.holderId, amount: exchangedAmount, deadline: order.deadline } },
  };
}

/** An expired OrderCreated leaves a record too, so the order's history shows why nothing was reserved. */
export function expiredRecord(order: OrderCreated): ExchangeRecord {
  return { orderId: order.orderId, holderId: order.holderId, currencyId: order.currencyId, amount: order.amount, rate: exchangeRate, exchangedAmount: 0, status: 'EXPIRED' };
}
