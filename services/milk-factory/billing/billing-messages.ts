import { z } from 'zod';
import { pricesReadSchema } from '../shared/message-schemas.ts';
import { steps } from './billing-names.ts';

// The data of billing's own messages. The answers to a group's steps (PricesRead,
// GroupBilled, BillsAnnounced) name no group: they inherit the `billingStep` metadata of
// the step's command, and so does the `Error` a business failure routes back.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const prices = pricesReadSchema.shape.prices;

/** What each group of a job starts with: the contracts of one product and one first day. */
export const plannedGroupSchema = z.object({
  groupId: z.string(),
  productId: z.string(),
  firstDay: day,
  contractIds: z.array(z.string()).min(1).max(1000),
});
export type PlannedGroup = z.infer<typeof plannedGroupSchema>;

export const startBillingJobSchema = z.object({
  jobId: z.string(),
  date: day,
  contracts: z.number().int().min(0),
  groups: z.array(plannedGroupSchema),
});
export type StartBillingJob = z.infer<typeof startBillingJobSchema>;

/** A group's start; a split child starts at its parent's failed step, with its prices when read. */
export const startBillingGroupSchema = plannedGroupSchema.extend({
  jobId: z.string(),
  date: day,
  splitFrom: z.string().optional(),
  startAt: z.enum(steps).optional(),
  prices: prices.optional(),
});
export type StartBillingGroup = z.infer<typeof startBillingGroupSchema>;

export const retryBillingGroupSchema = z.object({ groupId: z.string() });

/** BILL: bill the group's contracts up to `date` at `prices`, then answer `GroupBilled` to `replyTo`. */
export const billGroupSchema = z.object({
  replyTo: z.string(),
  jobId: z.string(),
  groupId: z.string(),
  date: day,
  contractIds: z.array(z.string()).min(1).max(1000),
  prices,
});
export type BillGroup = z.infer<typeof billGroupSchema>;

/** COMMS: publish `BillCreated` for the job's bills of these contracts not announced yet; answer `BillsAnnounced`. */
export const announceBillsSchema = z.object({
  replyTo: z.string(),
  jobId: z.string(),
  contractIds: z.array(z.string()).min(1).max(1000),
});

/** Both answers carry `bills`: the job's bills of the group's contracts, as stored (the counters' source). */
export const groupBilledSchema = z.object({ bills: z.number().int().min(0), created: z.number().int().min(0) });
export const billsAnnouncedSchema = z.object({ bills: z.number().int().min(0), announced: z.number().int().min(0) });

/** `BillingGroupChanged` (board event); `seq` orders one group's changes, `splitInto` names a split group's children. */
export const billingGroupChangedSchema = z.object({
  jobId: z.string(),
  groupId: z.string(),
  state: z.enum(['READ_PRICE', 'BILL', 'COMMS', 'COMPLETED', 'FAILED', 'SPLIT']),
  step: z.enum(steps),
  contracts: z.number().int(),
  bills: z.number().int(),
  seq: z.number().int(),
  failedReason: z.string().optional(),
  splitFrom: z.string().optional(),
  splitInto: z.array(z.string()).optional(),
});
export type BillingGroupChanged = z.infer<typeof billingGroupChangedSchema>;

/** The `billingStep` metadata of a step's command: what its answer (or Error) is matched by. */
export interface StepToken {
  groupId: string;
  step: string;
  attempt: number;
}

export const contractApprovedSchema = z.object({
  contract: z.object({ id: z.string(), productId: z.string(), start: day, end: day }),
});

/** `BillCreated` (COMMS): one bill, naming its contract (contracts keeps the billed-to day from it). */
export const billCreatedSchema = z.object({ contractId: z.string(), billId: z.string(), from: day, to: day, price: z.string() });
