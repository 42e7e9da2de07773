import { on, scaled } from '../../../actors/mod.ts';
import { restaurant } from '../landscape.ts';
import { orderDocument } from '../document/order-document.ts';
import { paymentTime, takePayment } from './take-payment.ts';

/** Takes one payment at a time (0.5 s each) and passes the document on. */
export const cashierActor = restaurant.defineActor({
  service: 'cashier',
  concurrency: 1,
  commands: {
    // The working time is `prepare`: it passes before the handler's transaction, holding no
    // pooled database connection.
    TakePayment: on(orderDocument, (message, context) => {
      context.publish('OrderPaid', takePayment(message.data));
    }, { prepare: (_message, context) => new Promise<void>((resolve) => setTimeout(resolve, scaled(context.clock, paymentTime))) }),
  },
});
