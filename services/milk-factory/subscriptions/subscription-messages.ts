import { z } from 'zod';

// The data of the messages of subscriptions, requisitions and distribution (spec
// "Subscriptions, requisition orders …"). Each names its contract (`contractId`), so the
// stream shows it to whoever may read that contract (stream-access.ts).

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1).max(100);

/** The service whose instances (one per requisition) the answers go to. */
export const requisitionService = 'requisition';

export const addressSchema = z.object({
  partnerId: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  postcode: z.string(),
  city: z.string(),
  country: z.string(),
});
export type DeliveryAddress = z.infer<typeof addressSchema>;

/** Step 1 (to contracts) and its undoing (deadline, termination): one decision per requisition id. */
export const quotaCommandSchema = z.object({ requisitionId: id, contractId: id, quantity: z.number().int().min(1) });

/** contracts' answers: QuotaReserved, QuotaExceeded, ContractNotRunning, QuotaReleased. */
export const quotaAnswerSchema = quotaCommandSchema.extend({ claimed: z.number().int(), total: z.number().int(), reason: z.string().optional() });

/** Step 2 (to distribution). */
export const organiseDistributionSchema = z.object({ requisitionId: id, contractId: id, quantity: z.number().int().min(1), deliverBy: day, address: addressSchema });
export const distributionOrganisedSchema = z.object({ requisitionId: id, contractId: id, deliveryId: z.string(), date: day });
export const cancelDistributionSchema = z.object({ requisitionId: id, contractId: id });

/** The requisition orchestrator's start (sent by `POST /contracts/<id>/requisitions`). */
export const startRequisitionSchema = z.object({
  requisitionId: id, contractId: id, quantity: z.number().int().min(1), deliverBy: day, address: addressSchema,
});
export type StartRequisition = z.infer<typeof startRequisitionSchema>;

/** A PENDING requisition of a terminated contract is rejected (sent by the intake on `ContractTerminated`). */
export const rejectRequisitionSchema = z.object({ requisitionId: id, contractId: id, reason: z.string() });

/** Published by billing (runs past a subscription's end); contracts follows. (`ContractTerminated`: replacement/replacement-messages.ts.) */
export const contractExtendedSchema = z.object({ contractId: id, end: day });
export const contractExpiredSchema = z.object({ contractId: id, end: day });

// Events for My Account (the stream): what they carry.
export const quotaChangedSchema = z.object({ contractId: id, total: z.number().int(), claimed: z.number().int() });
export const requisitionChangedSchema = z.object({
  requisitionId: id, contractId: id, quantity: z.number().int(), deliverBy: day, state: z.string(),
  deliveryId: z.string().optional(), deliveryDate: z.string().nullish(), reason: z.string().optional(),
});
export const deliveryChangedSchema = z.object({
  deliveryId: z.string(), contractId: id, requisitionId: z.string().optional(), quantity: z.number().int(), date: day,
  address: addressSchema, state: z.enum(['SCHEDULED', 'CANCELLED']), cancelReason: z.string().optional(),
});
