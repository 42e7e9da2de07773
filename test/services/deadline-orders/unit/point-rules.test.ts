import { describe, expect, it } from 'vitest';
import type { ExchangeSucceeded } from '../../../../services/deadline-orders/messages.ts';
import type { PointRecord } from '../../../../services/deadline-orders/point/point-tables.ts';
import { refundHolder, refundPoints } from '../../../../services/deadline-orders/point/refund-points.ts';
import { usePoints } from '../../../../services/deadline-orders/point/use-points.ts';

const deadline = Date.parse('2026-01-01T00:00:10.000Z');
const exchange: ExchangeSucceeded = { orderId: 'o-1', holderId: 'jjy', amount: 500, deadline: new Date(deadline).toISOString() };
const inTime = deadline - 1;

describe('using points', () => {
  it('debits a balance that covers the amount and announces PointsUsed with the new balance', () => {
    expect(usePoints(undefined, 10_000, exchange, inTime)).toEqual({
      kind: 'debit', balance: 9_500,
      record: { orderId: 'o-1', holderId: 'jjy', amount: 500, status: 'DEBITED' },
      emit: { type: 'PointsUsed', data: { orderId: 'o-1', holderId: 'jjy', amount: 500, balance: 9_500 } },
    });
  });

  it('approves a balance equal to the amount, leaving zero', () => {
    expect(usePoints(undefined, 500, exchange, inTime)).toMatchObject({ kind: 'debit', balance: 0 });
  });

  it('fails a balance below the amount with reason "insufficient points", debiting nothing', () => {
    expect(usePoints(undefined, 499, exchange, inTime)).toEqual({
      kind: 'fail', record: { orderId: 'o-1', holderId: 'jjy', amount: 0, status: 'FAILED' },
      emit: { type: 'PointsUseFailed', data: { orderId: 'o-1', holderId: 'jjy', reason: 'insufficient points' } },
    });
  });

  it('ignores an ExchangeSucceeded past the deadline: nothing debited, no event', () => {
    expect(usePoints(undefined, 10_000, exchange, deadline + 1)).toEqual({
      kind: 'expired', record: { orderId: 'o-1', holderId: 'jjy', amount: 0, status: 'EXPIRED' },
    });
  });

  it('never debits twice: a duplicate ExchangeSucceeded, or one after a compensation, finds the record', () => {
    for (const status of ['DEBITED', 'REFUNDED', 'FAILED', 'EXPIRED', 'CANCELLED'] as const) {
      expect(usePoints({ orderId: 'o-1', holderId: 'jjy', amount: 500, status }, 10_000, exchange, inTime)).toEqual({ kind: 'nothing' });
    }
  });
});

describe('refunding points', () => {
  const debited: PointRecord = { orderId: 'o-1', holderId: 'jjy', amount: 500, status: 'DEBITED' };

  it('refunds exactly what was debited and marks the record REFUNDED instead of deleting it', () => {
    expect(refundHolder(debited)).toBe('jjy');
    expect(refundPoints(debited, 'o-1', 'jjy', 9_500)).toEqual({
      kind: 'refund', holderId: 'jjy', amount: 500, balance: 10_000,
      record: { ...debited, status: 'REFUNDED' },
      emit: { type: 'PointsRefunded', data: { orderId: 'o-1', holderId: 'jjy', amount: 500, balance: 10_000 } },
    });
  });

  it('leaves a tombstone when nothing was debited yet, so a late ExchangeSucceeded debits nothing', () => {
    const refund = refundPoints(undefined, 'o-1', 'jjy', 0);
    expect(refund).toEqual({ kind: 'tombstone', record: { orderId: 'o-1', holderId: 'jjy', amount: 0, status: 'CANCELLED' } });
    if (refund.kind !== 'tombstone') throw new Error('expected a tombstone');
    expect(usePoints(refund.record, 10_000, exchange, inTime)).toEqual({ kind: 'nothing' });
  });

  it('does nothing for a duplicate ExchangeCompensated: refunded, failed, expired or cancelled', () => {
    for (const status of ['REFUNDED', 'FAILED', 'EXPIRED', 'CANCELLED'] as const) {
      const record = { ...debited, status };
      expect(refundHolder(record)).toBeUndefined();
      expect(refundPoints(record, 'o-1', 'jjy', 9_500)).toEqual({ kind: 'nothing' });
    }
  });
});
