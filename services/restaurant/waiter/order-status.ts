/** What `GET /orders/<id>` reports as the order's `status` (spec "REST"). */
export const orderStatuses = ['placed', 'cooking', 'cooked', 'priced', 'paid', 'finished', 'gave-up'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The stages in the order each process manager goes through them. */
const eatFirstPath: readonly OrderStatus[] = ['placed', 'cooking', 'cooked', 'priced', 'paid', 'finished'];
const payFirstPath: readonly OrderStatus[] = ['placed', 'priced', 'paid', 'cooking', 'cooked', 'finished'];

/** The status an event of the order's flow tells; undefined for events that tell none. */
export function statusOfEvent(type: string): OrderStatus | undefined {
  switch (type) {
    case 'OrderCooked': return 'cooked';
    case 'OrderPriced': return 'priced';
    case 'OrderPaid': return 'paid';
    case 'ProcessFinished': return 'finished';
    case 'GaveUpOnRetryingCooking': return 'gave-up';
    default: return undefined;
  }
}

/**
 * The later of two statuses on the order's path. Events arrive in any order and some
 * twice (a duplicate OrderCooked), so a status only ever moves forward; gave-up and
 * finished are end states nothing moves on from.
 */
export function advanceStatus(current: OrderStatus, next: OrderStatus, dodgy: boolean): OrderStatus {
  if (current === 'finished' || current === 'gave-up') return current;
  if (next === 'gave-up') return next;
  const path = dodgy ? payFirstPath : eatFirstPath;
  return path.indexOf(next) > path.indexOf(current) ? next : current;
}

/**
 * The order's status from what the events told and the process manager's state: no
 * event says "cooking", the process manager being in a `cooking` state does.
 */
export function orderStatus(fromEvents: OrderStatus, processState: unknown, dodgy: boolean): OrderStatus {
  const cooking = typeof processState === 'object' && processState !== null && Object.values(processState).includes('cooking');
  return cooking ? advanceStatus(fromEvents, 'cooking', dodgy) : fromEvents;
}
