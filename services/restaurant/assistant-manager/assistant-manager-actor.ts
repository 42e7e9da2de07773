import { on, scaled } from '../../../actors/mod.ts';
import { restaurant } from '../landscape.ts';
import { orderDocument } from '../document/order-document.ts';
import { priceOrder, pricingTime } from './price-order.ts';

/** Prices one order at a time (0.5 s each) and passes the document on. */
export const assistantManagerActor = restaurant.defineActor({
  service: 'assistant-manager',
  concurrency: 1,
  commands: {
    // The working time is `prepare`: it passes before the handler's transaction, holding no
    // pooled database connection.
    PriceOrder: on(orderDocument, (message, context) => {
      context.publish('OrderPriced', priceOrder(message.data));
    }, { prepare: (_message, context) => new Promise<void>((resolve) => setTimeout(resolve, scaled(context.clock, pricingTime))) }),
  },
});
