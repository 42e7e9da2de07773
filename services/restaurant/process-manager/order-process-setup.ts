import { assign, raise, setup } from 'xstate';
import type { Envelope } from '../../../actors/mod.ts';
import type { OrderDocument } from '../document/order-document.ts';
import { restaurant } from '../landscape.ts';

/** The eat-first alarm clock (business ms, scaled by the host): no food after 10 s → CookingTimedOut. */
export const cookingTimeout = 10_000;
/** The alarm's event: the host delivers it when the durable timer rings (on the wire `actors.timer`). */
export const cookingTimedOut = 'CookingTimedOut';
/** CookFood sent at most this many times before giving up. */
export const maxCookingTries = 3;

export interface OrderProcessContext {
  /** The latest document: every command carries it, as the previous actor left it. */
  document: OrderDocument;
  tries: number;
}

/** A message as the host delivers it: its type, its data (the document) and the envelope. */
type MessageEvent<Type extends string> = { type: Type; data: OrderDocument; message: Envelope };
export type OrderProcessEvent =
  | MessageEvent<'OrderPlaced'> | MessageEvent<'OrderCooked'> | MessageEvent<'OrderPriced'> | MessageEvent<'OrderPaid'>
  | { type: 'CookingTimedOut'; tries: number };

type Args = { context: OrderProcessContext; event: OrderProcessEvent };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the actions below
type Emit = any;

/**
 * The vocabulary both process managers are written in: what they send (always the current
 * document) and their alarm clock. A process manager only routes: it never cooks or prices.
 */
export const orderProcessSetup = setup({
  types: {
    context: {} as OrderProcessContext,
    events: {} as OrderProcessEvent,
    input: {} as { document: OrderDocument },
  },
  actions: {
    /** Keeps the document the last actor passed on. */
    takeDocument: assign({ document: ({ event, context }) => ('data' in event ? event.data : context.document) }),
    // The runtime's emit actions are typed for any machine; `as Emit` fits them to this one.
    cookFood: restaurant.sendCommand('kitchen', 'CookFood', ({ context }: Args) => context.document) as Emit,
    priceOrder: restaurant.sendCommand('assistant-manager', 'PriceOrder', ({ context }: Args) => context.document) as Emit,
    takePayment: restaurant.sendCommand('cashier', 'TakePayment', ({ context }: Args) => context.document) as Emit,
    finish: restaurant.publishEvent('ProcessFinished', ({ context }: Args) => context.document) as Emit,
    giveUp: restaurant.publishEvent('GaveUpOnRetryingCooking', ({ context }: Args) => ({ ...context.document, tries: context.tries })) as Emit,
    reportDuplicate: restaurant.publishEvent('DuplicateFoodCooked', ({ event }: Args) => (event as MessageEvent<'OrderCooked'>).data) as Emit,
    countTry: assign({ tries: ({ context }) => context.tries + 1 }),
    /** "Send your future self a message with state inside it": a durable timer carrying the try. */
    setAlarm: raise(({ context }) => ({ type: cookingTimedOut, tries: context.tries }), { delay: cookingTimeout, id: 'cooking-alarm' }),
  },
  guards: {
    dodgy: ({ event }: Args) => 'data' in event && event.data.dodgy === true,
    outOfTries: ({ event }: Args) => event.type === 'CookingTimedOut' && event.tries >= maxCookingTries,
  },
});
