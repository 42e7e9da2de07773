import { z } from 'zod';

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

/** Every event of the landscape, by type: what the monitor records per order. */
export const eventSchemas = {
  OrderCreated: orderCreated,
  ExchangeSucceeded: exchangeSucceeded,
  ExchangeCompensated: exchangeCompensated,
  PointsUsed: pointsUsed,
  PointsUseFailed: pointsUseFailed,
  PointsRefunded: pointsRefunded,
  DeadlineReached: deadlineReached,
  OrderPlaced: orderPlaced,
  OrderRejected: orderRejected,
} as const;

export type EventType = keyof typeof eventSchemas;
export const eventTypes = Object.keys(eventSchemas) as EventType[];

/** An event to publish: its type and data, as the pure rules return them. */
export type Emit =
  | { type: 'OrderCreated'; data: OrderCreated }
  | { type: 'ExchangeSucceeded'; data: ExchangeSucceeded }
  | { type: 'ExchangeCompensated'; data: ExchangeCompensated }
  | { type: 'PointsUsed'; data: PointsUsed }
  | { type: 'PointsUseFailed'; data: PointsUseFailed }
  | { type: 'PointsRefunded'; data: PointsRefunded }
  | { type: 'DeadlineReached'; data: DeadlineReached }
  | { type: 'OrderPlaced'; data: OrderPlaced }
  | { type: 'OrderRejected'; data: OrderRejected };

/** Whether `now` (ms) is past an ISO deadline: at the instant itself the order is already late. */
export function isPast(deadline: string, now: number): boolean {
  return now >= Date.parse(deadline);
}
