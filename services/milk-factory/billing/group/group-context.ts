import type { Envelope } from '../../../../actors/mod.ts';
import type { PricesByYear } from '../../shared/message-schemas.ts';
import type { BillingGroupChanged, StartBillingGroup, StepToken } from '../billing-messages.ts';
import type { GroupState, Step } from '../billing-names.ts';

/** A billing group's process state (the machine's context). */
export interface GroupContext {
  groupId: string;
  jobId: string;
  date: string;
  productId: string;
  firstDay: string;
  contractIds: string[];
  splitFrom: string | null;
  /** Where a new group starts: READ_PRICE, or a split child at its parent's failed step. */
  startAt: Step;
  /** The step it is at, or failed at. */
  step: Step;
  /** Counts every step begun; an answer or error must carry the current one. */
  attempt: number;
  prices: PricesByYear | null;
  bills: number;
  failedReason: string | null;
  /** Counts the changes it published, so the job can tell a late one. */
  seq: number;
  splitInto: string[];
}

export function initialGroupContext(start: StartBillingGroup): GroupContext {
  return {
    groupId: start.groupId, jobId: start.jobId, date: start.date, productId: start.productId, firstDay: start.firstDay,
    contractIds: start.contractIds, splitFrom: start.splitFrom ?? null, startAt: start.startAt ?? 'READ_PRICE',
    step: start.startAt ?? 'READ_PRICE', attempt: 0, prices: start.prices ?? null, bills: 0, failedReason: null, seq: 0, splitInto: [],
  };
}

/** The command each step sends: an `Error` about it fails the step. */
export const stepCommand: Record<Step, string> = { READ_PRICE: 'ReadPrices', BILL: 'BillGroup', COMMS: 'AnnounceBills' };

/** The metadata a step's command carries, inherited by its answer and by an `Error` about it. */
export function stepToken(context: GroupContext): StepToken {
  return { groupId: context.groupId, step: context.step, attempt: context.attempt };
}

export function tokenOf(message: Envelope): StepToken | undefined {
  const token = message.metadata.billingStep as StepToken | undefined;
  return typeof token === 'object' && token !== null && typeof token.groupId === 'string' ? token : undefined;
}

/** `BillingGroupChanged`: the board's view of the group (spec fields, plus bills and the order of changes). */
export function groupChanged(context: GroupContext, state: GroupState): BillingGroupChanged {
  return {
    jobId: context.jobId, groupId: context.groupId, state, step: context.step, contracts: context.contractIds.length,
    bills: context.bills, seq: context.seq,
    ...(context.failedReason === null ? {} : { failedReason: context.failedReason }),
    ...(context.splitFrom === null ? {} : { splitFrom: context.splitFrom }),
    ...(context.splitInto.length === 0 ? {} : { splitInto: context.splitInto }),
  };
}

/** A split child's start: one contract, the parent's failed step, its prices once read. */
export function childStart(parent: GroupContext, contractId: string, index: number): StartBillingGroup {
  const price = parent.prices?.[contractId];
  return {
    groupId: `${parent.groupId}.${index + 1}`, jobId: parent.jobId, date: parent.date, productId: parent.productId,
    firstDay: parent.firstDay, contractIds: [contractId], splitFrom: parent.groupId, startAt: parent.step,
    ...(parent.step !== 'READ_PRICE' && price ? { prices: { [contractId]: price } } : {}),
  };
}
