import { defineActor, on, scaled } from '../../../actors/mod.ts';
import { landscape } from '../config.ts';
import { orderDocument } from '../document/order-document.ts';
import { priceOrder, pricingTime } from './price-order.ts';

/** Prices one order at a time (0.5 s each) and passes the document on. */
export const assistantManagerActor = defineActor({
  landscape,
  service: 'assistant-manager',
  concurrency: 1,
  commands: {
    PriceOrder: on(orderDocument, async (message, context) => {
      await new Promise((resolve) => setTimeout(resolve, scaled(context.clock, pricingTime)));
      context.publish('OrderPriced', priceOrder(message.data));
    }),
  },
});
