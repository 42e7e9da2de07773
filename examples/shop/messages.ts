import { z } from 'zod';
import { defineMessages } from 'milk-factory/actors';

const order = z.object({ orderId: z.string(), item: z.string(), quantity: z.number().int().positive() });

/** Every message of the shop: type → data schema, commands and events. */
export const shopMessages = defineMessages({
  commands: { ReserveStock: order },
  events: {
    OrderPlaced: order,
    StockReserved: order,
    StockShort: z.object({ orderId: z.string(), item: z.string() }),
    OrderConfirmed: z.object({ orderId: z.string() }),
    OrderRejected: z.object({ orderId: z.string(), reason: z.string() }),
  },
});
