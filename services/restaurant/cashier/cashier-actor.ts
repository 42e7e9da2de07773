import { defineActor, on, scaled } from '../../../actors/mod.ts';
import { landscape } from '../config.ts';
import { orderDocument } from '../document/order-document.ts';
import { paymentTime, takePayment } from './take-payment.ts';

/** Takes one payment at a time (0.5 s each) and passes the document on. */
export const cashierActor = defineActor({
  landscape,
  service: 'cashier',
  concurrency: 1,
  commands: {
    TakePayment: on(orderDocument, async (message, context) => {
      await new Promise((resolve) => setTimeout(resolve, scaled(context.clock, paymentTime)));
      context.publish('OrderPaid', takePayment(message.data));
    }),
  },
});
