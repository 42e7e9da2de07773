import { z } from 'zod';
import { defineMessages, type Emit as EmitOf } from '../../actors/mod.ts';

/** The landscape's name: `deadline-orders.events`, `deadline-orders.<service>` mailboxes. */
export const landscape = 'deadline-orders';

// The spec's events, their data as the contract names it. Every event also carries
// `holderId` where the emitting service knows it, so the stream's `holderId` filter shows
// a holder's whole flow; ExchangeSucceeded carries the order's `deadline` on to the point
// service, which must not debit for an expired order (the original's late-success bug).
const orderId = z.string().min(1);
const holderId = z.string().min(1);
const amount = z.number().int().positive();
const instant = z.string().datetime({ offset: true });

export const orderCreated = z.object({ orderId, holderId, currencyId: z.number().int(), amount, deadline: instant });
export const exchangeSucceeded = z.object({ orderId, holderId, amount, deadline: instant.optional() });
export const exchangeCompensated = z.object({ orderId, amount: z.number().int().nonnegative(), holderId: holderId.optional() });
export const pointsUsed = z.object({ orderId, holderId, amount, balance: z.number().int() });
export const pointsUseFailed = z.object({ orderId, reason: z.string(), holderId: holderId.optional() });
export const pointsRefunded = z.object({ orderId, amount: z.number().int().nonnegative(), balance: z.number().int(), holderId: holderId.optional() });
export const deadlineReached = z.object({ orderId, deadline: instant, holderId: holderId.optional() });
export const orderPlaced = z.object({ orderId, holderId: holderId.optional() });
export const orderRejected = z.object({ orderId, reason: z.string(), holderId: holderId.optional() });

export type OrderCreated = z.infer<typeof orderCreated>;
export type ExchangeSucceeded = z.infer<typeof exchangeSucceeded>;
export type ExchangeCompensated = z.infer<typeof exchangeCompensated>;
export type PointsUsed = z.infer<typeof pointsUsed>;
export type PointsUseFailed = z.infer<typeof pointsUseFailed>;
export type PointsRefunded = z.infer<typeof pointsRefunded>;
export type DeadlineReached = z.infer<typeof deadlineReached>;
export type OrderPlaced = z.infer<typeof orderPlaced>;
export type OrderRejected = z.infer<typeof orderRejected>;

/** The exchange's alarm to itself after a fault-injection wait: the order and where it was. */
export const exchangeAfterWait = orderCreated.extend({ stage: z.enum(['waited-before-check', 'waited-after-check']) });

/**
 * The landscape's messages: the spec's events, and the two alarms services send
 * themselves (`sendLater`). The monitor records every event of it per order.
 */
export const deadlineOrdersMessages = defineMessages({
  commands: {
    DeadlineAlarm: deadlineReached,
    ExchangeAfterWait: exchangeAfterWait,
  },
  events: {
    OrderCreated: orderCreated,
    ExchangeSucceeded: exchangeSucceeded,
    ExchangeCompensated: exchangeCompensated,
    PointsUsed: pointsUsed,
    PointsUseFailed: pointsUseFailed,
    PointsRefunded: pointsRefunded,
    DeadlineReached: deadlineReached,
    OrderPlaced: orderPlaced,
    OrderRejected: orderRejected,
  },
});

export type EventType = keyof typeof deadlineOrdersMessages.events;
export const eventTypes = Object.keys(deadlineOrdersMessages.events) as EventType[];

/** An event to publish: its type and data, as the pure rules return them. */
export type Emit = EmitOf<typeof deadlineOrdersMessages>;

/** Whether `now` (ms) is past an ISO deadline: at the instant itself the order is already late. */
export function isPast(deadline: string, now: number): boolean {
  return now >= Date.parse(deadline);
}
