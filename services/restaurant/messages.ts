import { defineMessages } from '../../actors/mod.ts';
import { orderDocument } from './document/order-document.ts';

/**
 * The restaurant's messages (spec "Messages"): every one carries the order document, as
 * the previous actor left it. GaveUpOnRetryingCooking adds `tries`; DuplicateFoodCooked is
 * the second OrderCooked of one CookFood.
 */
export const restaurantMessages = defineMessages({
  commands: {
    CookFood: orderDocument,
    PriceOrder: orderDocument,
    TakePayment: orderDocument,
  },
  events: {
    OrderPlaced: orderDocument,
    OrderCooked: orderDocument,
    OrderPriced: orderDocument,
    OrderPaid: orderDocument,
    ProcessFinished: orderDocument,
    GaveUpOnRetryingCooking: orderDocument,
    DuplicateFoodCooked: orderDocument,
  },
});
