import { on, scaled } from '../../../actors/mod.ts';
import type { RestaurantConfig } from '../config.ts';
import { restaurant } from '../landscape.ts';
import { orderDocument } from '../document/order-document.ts';
import { cookFood, isExpired } from './cook-food.ts';
import { cookService, type cooks } from './cooks.ts';
import { moreFairBound } from './dispatch-strategy.ts';

/** A cook's mailbox bound for strategies that do not bound the cooks themselves. */
export const unfairMailboxBound = 100;

/**
 * One cook: cooks one order at a time, taking its own time, and passes the document on
 * with the ingredients and its time. The mailbox is bounded (5 under more-fair, where the
 * kitchen never hands a cook more); a full one drops its oldest, which the alarm retries.
 * A CookFood past its deadline (the order's expiry) never reaches this handler: the
 * runtime drops it (rule 8); the check here catches one sent without a deadline.
 */
export function cookActor(cook: (typeof cooks)[number], config: RestaurantConfig) {
  return restaurant.defineActor({
    service: cookService(cook.name),
    concurrency: 1,
    prefetch: 1,
    mailbox: { maxLength: config.dispatch === 'more-fair' ? moreFairBound : unfairMailboxBound, overflow: 'drop-head' },
    commands: {
      // The cooking is `prepare`: the cook's time passes before the handler's transaction,
      // so no pooled database connection waits on the stove. It decides on the expiry when
      // the cook starts, as a cook would: an order started in time is finished.
      CookFood: on(orderDocument, (message, context, cooked: boolean) => {
        if (!cooked) {
          context.logger.info({ orderId: message.data.orderId, cook: cook.name }, 'CookFood past the order\'s expiry dropped, not cooked');
          return;
        }
        context.publish('OrderCooked', cookFood(message.data, cook.cookTime));
      }, {
        prepare: async (message, context) => {
          if (isExpired(message.data, context.clock.now())) return false;
          await new Promise((resolve) => setTimeout(resolve, scaled(context.clock, cook.cookTime)));
          return true;
        },
      }),
    },
  });
}
