import { describe, expect, it } from 'vitest';
import { compensateExchange, tombstoneRecord } from '../../../../services/deadline-orders/exchange/compensate-exchange.ts';
import type { ExchangeRecord } from '../../../../services/deadline-orders/exchange/exchange-tables.ts';
import { faultOf } from '../../../../services/deadline-orders/exchange/fault-injection.ts';
import { nextReserveStep, reserveExchange } from '../../../../services/deadline-orders/exchange/reserve-exchange.ts';
import type { OrderCreated } from '../../../../services/deadline-orders/messages.ts';

const deadline = Date.parse('2026-01-01T00:00:10.000Z');
const order = (currencyId = 1): OrderCreated => ({ orderId: 'o-1', holderId: 'jjy', currencyId, amount: 500, deadline: new Date(deadline).toISOString() });
const before = deadline - 1;
const after = deadline + 1;

describe('reserving the exchange', () => {
  it('reserves an order that is not past its deadline', () => {
    expect(nextReserveStep(order(), 'arrived', before)).toEqual({ kind: 'reserve' });
  });

  it('ignores an OrderCreated past its deadline, and one exactly at it', () => {
    expect(nextReserveStep(order(), 'arrived', after)).toEqual({ kind: 'ignore-expired' });
    expect(nextReserveStep(order(), 'arrived', deadline)).toEqual({ kind: 'ignore-expired' });
  });

  it('makes currency 100 wait before it checks the deadline, then ignores the expired order', () => {
    expect(faultOf(100)).toBe('wait-before-check');
    expect(nextReserveStep(order(100), 'arrived', before)).toEqual({ kind: 'wait', then: 'waited-before-check' });
    expect(nextReserveStep(order(100), 'waited-before-check', after)).toEqual({ kind: 'ignore-expired' });
  });

  it('makes currency 200 check the deadline first, then wait and reserve late without checking again', () => {
    expect(faultOf(200)).toBe('wait-after-check');
    expect(nextReserveStep(order(200), 'arrived', after)).toEqual({ kind: 'ignore-expired' });
    expect(nextReserveStep(order(200), 'arrived', before)).toEqual({ kind: 'wait', then: 'waited-after-check' });
    expect(nextReserveStep(order(200), 'waited-after-check', after)).toEqual({ kind: 'reserve' });
  });

  it('records the exchange at rate 1.0 and announces ExchangeSucceeded with the deadline', () => {
    expect(reserveExchange(undefined, order())).toEqual({
      record: { orderId: 'o-1', holderId: 'jjy', currencyId: 1, amount: 500, rate: '1.0', exchangedAmount: 500, status: 'RESERVED' },
      emit: { type: 'ExchangeSucceeded', data: { orderId: 'o-1', holderId: 'jjy', amount: 500, deadline: order().deadline } },
    });
  });

  it('reserves nothing for an order that already has a record: duplicate, tombstone or expired', () => {
    const live = reserveExchange(undefined, order())!.record;
    for (const status of ['RESERVED', 'COMPENSATED', 'CANCELLED', 'EXPIRED'] as const) {
      expect(reserveExchange({ ...live, status }, order())).toBeUndefined();
    }
  });
});

describe('compensating the exchange', () => {
  const live: ExchangeRecord = { orderId: 'o-1', holderId: 'jjy', currencyId: 1, amount: 500, rate: '1.0', exchangedAmount: 500, status: 'RESERVED' };

  it('compensates a live exchange and announces ExchangeCompensated with the exchanged amount', () => {
    expect(compensateExchange(live, 'o-1', 'jjy')).toEqual({
      kind: 'compensate', emit: { type: 'ExchangeCompensated', data: { orderId: 'o-1', amount: 500, holderId: 'jjy' } },
    });
  });

  it('leaves a tombstone when nothing was reserved yet, so a late reservation never happens', () => {
    expect(compensateExchange(undefined, 'o-1', 'jjy')).toEqual({ kind: 'tombstone' });
    const tombstone = tombstoneRecord('o-1', 'jjy');
    expect(tombstone.status).toBe('CANCELLED');
    expect(reserveExchange(tombstone, order(200))).toBeUndefined();
  });

  it('does nothing for a duplicate OrderRejected: compensated, cancelled or expired records stay as they are', () => {
    for (const status of ['COMPENSATED', 'CANCELLED', 'EXPIRED'] as const) {
      expect(compensateExchange({ ...live, status }, 'o-1', 'jjy')).toEqual({ kind: 'nothing' });
    }
  });
});
