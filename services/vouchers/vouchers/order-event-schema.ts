import { z } from 'zod';
import { percentOfRate } from '../orders/vat-rate.ts';

/**
 * The order as `OrderCreated` / `OrderUpdated` carry it. A message that does not fit (a
 * missing id, a net total that is not whole euros, a rate that is not a whole percent) is
 * parked by the runtime at once, reason `invalid`, never retried (spec, Vouchers). Fields
 * not named here pass through.
 */
export const orderEventSchema = z.object({
  order: z.object({
    id: z.string().min(1),
    netTotal: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER / 200),
    vatRate: z.number().refine((rate) => percentOfRate(rate) !== undefined, 'a whole percent between 0 and 1, e.g. 0.19'),
    deliverySent: z.boolean(),
    orderDate: z.iso.date().optional(),
  }),
});

export type OrderEventData = z.infer<typeof orderEventSchema>;
