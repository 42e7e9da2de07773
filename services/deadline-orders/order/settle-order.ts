import type { Emit } from '../messages.ts';

export type OrderStatus = 'PENDING' | 'APPROVED' | 'REJECTED_DUE_TO_POINT_LIMIT' | 'REJECTED_DUE_TO_DEADLINE';

export interface OrderState {
  orderId: string;
  holderId: string;
  status: OrderStatus;
}

/** What reaches the order service about one of its orders. */
export type OrderOutcome =
  | { type: 'PointsUsed' }
  | { type: 'PointsUseFailed'; reason: string }
  | { type: 'DeadlineReached' };

export interface OrderSettlement {
  status: Exclude<OrderStatus, 'PENDING'>;
  reason?: string;
  emit: Emit;
}

export const deadlineReason = 'deadline reached';

/**
 * The order's one decision: a PENDING order becomes APPROVED (points used) or rejected
 * (point limit, deadline), and says so. A final status never changes again: a late
 * PointsUsed for a rejected order does not approve it (the OrderRejected already sent sets
 * off the compensation that refunds it), a DeadlineReached after approval changes nothing,
 * and a duplicate of any outcome finds the order final. Undefined = nothing to do.
 */
export function settleOrder(order: OrderState, outcome: OrderOutcome): OrderSettlement | undefined {
  if (order.status !== 'PENDING') return undefined;
  const { orderId, holderId } = order;
  switch (outcome.type) {
    case 'PointsUsed':
      return { status: 'APPROVED', emit: { type: 'OrderPlaced', data: { orderId, holderId } } };
    case 'PointsUseFailed':
      return rejected(order, 'REJECTED_DUE_TO_POINT_LIMIT', outcome.reason);
    case 'DeadlineReached':
      return rejected(order, 'REJECTED_DUE_TO_DEADLINE', deadlineReason);
  }
}

function rejected(order: OrderState, status: OrderSettlement['status'], reason: string): OrderSettlement {
  return { status, reason, emit: { type: 'OrderRejected', data: { orderId: order.orderId, holderId: order.holderId, reason } } };
}

export function isFinal(status: OrderStatus): boolean {
  return status !== 'PENDING';
}
