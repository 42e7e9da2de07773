import type { DeadlineReached, Emit, OrderCreated } from '../messages.ts';
import type { DeadlineRecord } from './deadline-tables.ts';

/**
 * On OrderCreated: one durable alarm per order, due at its deadline (a waiting-room message
 * to the deadline service itself; no polling). A duplicate OrderCreated, or one arriving
 * after the order already settled, sets none.
 */
export function setAlarm(existing: DeadlineRecord | undefined, order: OrderCreated): { record: DeadlineRecord; dueAt: Date } | undefined {
  if (existing) return undefined;
  return {
    record: { orderId: order.orderId, holderId: order.holderId, deadline: order.deadline, status: 'PENDING' },
    dueAt: new Date(order.deadline),
  };
}

/**
 * When the alarm rings: DeadlineReached, once, for an order still open here. The order
 * service decides what it means (only a PENDING order is rejected for it).
 */
export function alarmRings(existing: DeadlineRecord | undefined, alarm: DeadlineReached): { record: DeadlineRecord; emit: Emit } | undefined {
  if (existing?.status !== 'PENDING') return undefined;
  return {
    record: { ...existing, status: 'REACHED' },
    emit: { type: 'DeadlineReached', data: { orderId: alarm.orderId, deadline: alarm.deadline, ...(existing.holderId ? { holderId: existing.holderId } : {}) } },
  };
}

/**
 * On OrderPlaced / OrderRejected: the order is final, its alarm no longer pending (it may
 * still ring, and then does nothing). An order settled before its OrderCreated got here
 * leaves a tombstone so no alarm is set for it later.
 */
export function settleAlarm(existing: DeadlineRecord | undefined, orderId: string, holderId: string | undefined): DeadlineRecord | undefined {
  if (!existing) return { orderId, holderId: holderId ?? null, deadline: null, status: 'SETTLED' };
  return existing.status === 'PENDING' ? { ...existing, status: 'SETTLED' } : undefined;
}
