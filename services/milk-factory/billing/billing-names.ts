/** The billing service's actors: the worker that owns bills, and the two orchestrators. */
export const billingService = 'billing';
export const jobService = 'billing-job';
export const groupService = 'billing-group';
/** All three keep their tables in the billing service's one schema. */
export const billingSchema = 'milk_factory_billing';

/** A group's steps, in order (spec: READ_PRICE → BILL → COMMS → COMPLETED). */
export const steps = ['READ_PRICE', 'BILL', 'COMMS'] as const;
export type Step = (typeof steps)[number];

export type GroupState = Step | 'COMPLETED' | 'FAILED' | 'SPLIT';
export type JobState = 'RUNNING' | 'COMPLETED';

/** Business ms a step waits for its answer before the group fails (scaled by TIME_SCALE). */
export const stepTimeout = 30_000;

/** maxGroupSize bounds and default (spec). */
export const groupSizes = { min: 1, max: 1000, default: 100 } as const;
