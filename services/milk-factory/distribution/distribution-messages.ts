import { z } from 'zod';
import { addressSchema } from '../subscriptions/subscription-messages.ts';

/** What distribution reads of `ContractApproved`: the contract, and for a one-off the delivery its approval carries. */
export const oneOffApprovedSchema = z.object({
  contract: z.object({ id: z.string(), start: z.string(), type: z.enum(['ONE_OFF', 'SUBSCRIPTION']).optional() }),
  delivery: z.object({ quantity: z.number().int().min(1), address: addressSchema }).optional(),
});
