import { describe, expect, it } from 'vitest';
import { settleOrder, type OrderState } from '../../../../services/deadline-orders/order/settle-order.ts';

const pending: OrderState = { orderId: 'o-1', holderId: 'jjy', status: 'PENDING' };

describe('settling an order', () => {
  it('approves a pending order whose points were used, and announces OrderPlaced', () => {
    expect(settleOrder(pending, { type: 'PointsUsed' })).toEqual({
      status: 'APPROVED', emit: { type: 'OrderPlaced', data: { orderId: 'o-1', holderId: 'jjy' } },
    });
  });

  it('rejects a pending order for the point limit with the point service reason', () => {
    expect(settleOrder(pending, { type: 'PointsUseFailed', reason: 'insufficient points' })).toEqual({
      status: 'REJECTED_DUE_TO_POINT_LIMIT', reason: 'insufficient points',
      emit: { type: 'OrderRejected', data: { orderId: 'o-1', holderId: 'jjy', reason: 'insufficient points' } },
    });
  });

  it('rejects a pending order whose deadline was reached', () => {
    expect(settleOrder(pending, { type: 'DeadlineReached' })).toMatchObject({
      status: 'REJECTED_DUE_TO_DEADLINE', emit: { type: 'OrderRejected', data: { orderId: 'o-1' } },
    });
  });

  it('never changes a final status: a late PointsUsed does not approve a rejected order', () => {
    for (const status of ['REJECTED_DUE_TO_DEADLINE', 'REJECTED_DUE_TO_POINT_LIMIT'] as const) {
      expect(settleOrder({ ...pending, status }, { type: 'PointsUsed' })).toBeUndefined();
    }
  });

  it('leaves an approved order approved when its deadline is reached afterwards or an outcome repeats', () => {
    const approved: OrderState = { ...pending, status: 'APPROVED' };
    expect(settleOrder(approved, { type: 'DeadlineReached' })).toBeUndefined();
    expect(settleOrder(approved, { type: 'PointsUsed' })).toBeUndefined();
    expect(settleOrder(approved, { type: 'PointsUseFailed', reason: 'insufficient points' })).toBeUndefined();
  });
});
