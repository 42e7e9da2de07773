import { describe, expect, it } from 'vitest';
import { alarmRings, setAlarm, settleAlarm } from '../../../../services/deadline-orders/deadline/deadline-alarm.ts';
import type { DeadlineRecord } from '../../../../services/deadline-orders/deadline/deadline-tables.ts';
import type { OrderCreated } from '../../../../services/deadline-orders/messages.ts';

const deadline = '2026-01-01T00:00:10.000Z';
const order: OrderCreated = { orderId: 'o-1', holderId: 'jjy', currencyId: 1, amount: 500, deadline };
const pending: DeadlineRecord = { orderId: 'o-1', holderId: 'jjy', deadline, status: 'PENDING' };

describe('the deadline alarm', () => {
  it('sets one alarm per order, due at its deadline', () => {
    expect(setAlarm(undefined, order)).toEqual({ record: pending, dueAt: new Date(deadline) });
    expect(setAlarm(pending, order)).toBeUndefined();
  });

  it('sets no alarm for an order that settled before its OrderCreated arrived', () => {
    const tombstone = settleAlarm(undefined, 'o-1', 'jjy');
    expect(tombstone).toEqual({ orderId: 'o-1', holderId: 'jjy', deadline: null, status: 'SETTLED' });
    expect(setAlarm(tombstone, order)).toBeUndefined();
  });

  it('rings once: DeadlineReached for a pending alarm, nothing when it rings again or after the order settled', () => {
    const rang = alarmRings(pending, { orderId: 'o-1', deadline });
    expect(rang).toEqual({ record: { ...pending, status: 'REACHED' }, emit: { type: 'DeadlineReached', data: { orderId: 'o-1', deadline, holderId: 'jjy' } } });
    expect(alarmRings(rang!.record, { orderId: 'o-1', deadline })).toBeUndefined();
    expect(alarmRings({ ...pending, status: 'SETTLED' }, { orderId: 'o-1', deadline })).toBeUndefined();
  });

  it('takes a settled order off the pending alarms, and leaves a reached one as it is', () => {
    expect(settleAlarm(pending, 'o-1', 'jjy')).toEqual({ ...pending, status: 'SETTLED' });
    expect(settleAlarm({ ...pending, status: 'REACHED' }, 'o-1', 'jjy')).toBeUndefined();
  });
});
