import { z } from 'zod';

// The data of the messages milk-factory's services exchange. Objects are not strict: the
// runtime keeps fields a schema does not name (rule 2), so a newer producer may add some.

export const componentSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
  componentDefinitionId: z.string(),
  configs: z.array(z.object({ name: z.string(), value: z.string(), units: z.string() })),
});

export const discountSchema = z.object({
  componentId: z.string(),
  definitionId: z.string(),
  value: z.string(),
  addedManually: z.boolean(),
});

/** `Draft`: the whole model after a change, so dsc and pricing need not read it back. */
export const draftSchema = z.object({
  contract: z.object({ id: z.string(), productId: z.string(), state: z.string(), syncTimestamp: z.string(), start: z.string().optional(), end: z.string().optional() }),
  components: z.array(componentSchema),
});

export const discountsSurchargesAddedSchema = z.object({
  contractId: z.string(),
  productId: z.string(),
  syncTimestamp: z.string(),
  components: z.array(componentSchema),
  discounts: z.array(discountSchema),
  /** The contract's days (index pricing shows a year within them). */
  start: z.string().optional(),
  end: z.string().optional(),
});

export const pricesUpdatedSchema = z.object({
  contractId: z.string(),
  syncTimestamp: z.string(),
  priceByComponentId: z.record(z.string(), z.object({ total: z.string(), tax: z.string() })),
});

export const relationshipRoles = ['CONTRACT_HOLDER', 'SALES_REP'] as const;

export const createPartnerRelationshipSchema = z.object({
  partnerId: z.string(),
  foreignId: z.string(),
  role: z.enum(relationshipRoles),
  start: z.string().optional(),
  end: z.string().optional(),
  alsoCreate: z.array(z.enum(relationshipRoles)).optional(),
});

export const partnerRelationshipChangedSchema = z.object({
  partnerId: z.string(),
  foreignId: z.string(),
  role: z.string(),
  start: z.string().nullish(),
  end: z.string().nullish(),
  username: z.string().nullish(),
});

export const taskSchema = z.object({
  taskId: z.string(),
  userId: z.string(),
  title: z.string(),
  description: z.string().nullish(),
  state: z.enum(['OPEN', 'DONE']),
  action: z.string(),
  params: z.record(z.string(), z.unknown()),
});

export const caseChangedSchema = z.object({
  caseId: z.string(),
  referenceId: z.string(),
  type: z.string(),
  tasks: z.array(taskSchema),
});

export const createCaseSchema = z.object({ referenceId: z.string(), caseType: z.string() });

export const createTaskSchema = z.object({
  referenceId: z.string(),
  userId: z.string(),
  title: z.string(),
  description: z.string().optional(),
  action: z.string(),
  params: z.record(z.string(), z.unknown()).default({}),
  caseType: z.string().optional(),
});

export const completeTasksSchema = z.object({ referenceId: z.string(), action: z.string() });

/**
 * `ReadPrices` (billing → pricing): the price of each contract for a span of days to bill.
 * Answered to `replyTo` with `PricesRead`, prices by contract and by calendar year (so a
 * price that changes with the year, as index pricing's will, fits the same answer).
 */
export const readPricesSchema = z.object({
  replyTo: z.string().min(1).max(100),
  periods: z.array(z.object({ contractId: z.string().min(1), from: z.string(), to: z.string() })).min(1).max(1000),
});

/** `PricesRead`: `{ prices: { <contractId>: { <year>: "24.33" } } }`, money as text with two places. */
export const pricesReadSchema = z.object({
  prices: z.record(z.string(), z.record(z.string(), z.string())),
});

export type PricesByYear = z.infer<typeof pricesReadSchema>['prices'];
