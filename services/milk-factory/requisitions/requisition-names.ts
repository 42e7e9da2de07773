/** The orchestrator (one instance per requisition) and the intake (REST, terminations) share one schema. */
export { requisitionService } from '../subscriptions/subscription-messages.ts';
export const intakeService = 'requisition-intake';
export const requisitionSchema = 'milk_factory_requisition';

/** Business ms from the request within which a requisition must be CONFIRMED (spec: 10 s, scaled). */
export const requisitionDeadline = 10_000;

export const finalStates = ['CONFIRMED', 'REJECTED_QUOTA_EXCEEDED', 'REJECTED_DUE_TO_DEADLINE', 'REJECTED_CONTRACT_TERMINATED'] as const;
export type RequisitionState = 'PENDING' | (typeof finalStates)[number];
