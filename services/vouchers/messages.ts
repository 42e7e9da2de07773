import { z } from 'zod';
import { defineMessages } from '../../actors/mod.ts';
import { orderEventSchema } from './vouchers/order-event-schema.ts';

/** The voucher `VoucherCreated` announces, as the API shows it (`vouchers/voucher-store.ts`). */
export const voucherCreated = z.object({
  voucher: z.object({ id: z.string(), type: z.literal('ABSOLUTE'), value: z.number(), redeemed: z.boolean(), relatedOrderId: z.string(), strategy: z.string() }),
});

/** The vouchers landscape's messages (spec, Vouchers): the orders' events and the voucher's. */
export const vouchersMessages = defineMessages({
  events: {
    OrderCreated: orderEventSchema,
    OrderUpdated: orderEventSchema,
    VoucherCreated: voucherCreated,
  },
});
