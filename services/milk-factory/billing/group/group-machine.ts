import { assign, enqueueActions, setup } from 'xstate';
import type { Envelope } from '../../../../actors/mod.ts';
import { milkFactory } from '../../landscape.ts';
import type { PricesByYear } from '../../shared/message-schemas.ts';
import type { StartBillingGroup } from '../billing-messages.ts';
import { billingService, groupService, stepTimeout, type GroupState, type Step } from '../billing-names.ts';
import { childStart, groupChanged, initialGroupContext, stepCommand, stepToken, tokenOf, type GroupContext } from './group-context.ts';

type MessageEvent<Type extends string, Data> = { type: Type; data: Data; message: Envelope };
export type GroupEvent =
  | MessageEvent<'StartBillingGroup', StartBillingGroup>
  | MessageEvent<'RetryBillingGroup', { groupId: string }>
  | MessageEvent<'PricesRead', { prices: PricesByYear }>
  | MessageEvent<'GroupBilled', { bills: number; created: number }>
  | MessageEvent<'BillsAnnounced', { bills: number; announced: number }>
  | MessageEvent<'Error', { message: string; originalType: string }>;

type Args = { context: GroupContext; event: GroupEvent };
// The runtime's emit actions are typed for any machine; `as Emit` fits them to this one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Emit = any;

const withToken = ({ context }: Args) => ({ metadata: { billingStep: stepToken(context) } });
const changed = (state: GroupState) => milkFactory.publishEvent('BillingGroupChanged', ({ context }: Args) => ({ ...groupChanged(context, state) })) as Emit;
const begin = (step: Step) => assign({ step, attempt: ({ context }: Args) => context.attempt + 1, seq: ({ context }: Args) => context.seq + 1 });
const counted = assign({ seq: ({ context }: Args) => context.seq + 1 });

/** The answer (or the `Error`) is to the step the group is at now, not to an earlier attempt. */
function answersThisStep({ context, event }: Args): boolean {
  const token = tokenOf(event.message);
  if (token?.groupId !== context.groupId || token.attempt !== context.attempt) return false;
  return event.type !== 'Error' || event.data.originalType === stepCommand[context.step];
}
const several = ({ context }: Args) => context.contractIds.length > 1;

/** A step fails on a business error about its command, or on no answer within 30 s: a group of several splits. */
const failures = {
  on: {
    Error: [
      { guard: 'errorForSeveral', target: 'SPLIT', actions: 'noteError' },
      { guard: 'answersThisStep', target: 'FAILED', actions: 'noteError' },
    ],
  },
  after: { stepTimeout: [{ guard: 'several', target: 'SPLIT', actions: 'noteTimeout' }, { target: 'FAILED', actions: 'noteTimeout' }] },
} as const;

/**
 * One billing group (spec): READ_PRICE (ReadPrices to pricing, answered PricesRead) →
 * BILL (BillGroup to billing: bills stored, billed-to moved) → COMMS (AnnounceBills:
 * BillCreated per bill) → COMPLETED. Each step's command carries a token (`billingStep`
 * metadata) its answer inherits; a step fails on an `Error` about it or on no answer within
 * 30 s (a durable timer). A failed group of several contracts splits into single-contract
 * groups that start again at the failed step (SPLIT, final); a single one is FAILED until
 * `RetryBillingGroup` starts its failed step again. Every change is a `BillingGroupChanged`.
 */
export const groupMachine = setup({
  types: { context: {} as GroupContext, events: {} as GroupEvent, input: {} as StartBillingGroup },
  delays: { stepTimeout },
  guards: {
    answersThisStep,
    several,
    errorForSeveral: (args: Args) => answersThisStep(args) && several(args),
    startsAtBill: ({ context }: Args) => context.startAt === 'BILL',
    startsAtComms: ({ context }: Args) => context.startAt === 'COMMS',
    failedAtReadPrice: ({ context }: Args) => context.step === 'READ_PRICE',
    failedAtBill: ({ context }: Args) => context.step === 'BILL',
  },
  actions: {
    readPrice: milkFactory.sendCommand('pricing', 'ReadPrices', ({ context }: Args) => ({
      replyTo: groupService, periods: context.contractIds.map((contractId) => ({ contractId, from: context.firstDay, to: context.date })),
    }), withToken) as Emit,
    bill: milkFactory.sendCommand(billingService, 'BillGroup', ({ context }: Args) => ({
      replyTo: groupService, jobId: context.jobId, groupId: context.groupId, date: context.date, contractIds: context.contractIds, prices: context.prices ?? {},
    }), withToken) as Emit,
    announce: milkFactory.sendCommand(billingService, 'AnnounceBills', ({ context }: Args) => ({
      replyTo: groupService, jobId: context.jobId, contractIds: context.contractIds,
    }), withToken) as Emit,
    noteError: assign({ failedReason: ({ event }: Args) => (event.type === 'Error' ? event.data.message : 'failed') }),
    noteTimeout: assign({ failedReason: ({ context }: Args) => `no answer to ${stepCommand[context.step]} within ${stepTimeout / 1000} s` }),
    startChildren: enqueueActions(({ context, enqueue }: { context: GroupContext; enqueue: Emit }) => {
      context.contractIds.forEach((contractId, i) => enqueue(milkFactory.sendCommand(groupService, 'StartBillingGroup', () => ({ ...childStart(context, contractId, i) }))));
    }) as Emit,
  },
}).createMachine({
  id: 'billing-group@1',
  initial: 'idle',
  context: ({ input }) => initialGroupContext(input),
  states: {
    idle: {
      on: { StartBillingGroup: [{ guard: 'startsAtBill', target: 'BILL' }, { guard: 'startsAtComms', target: 'COMMS' }, { target: 'READ_PRICE' }] },
    },
    READ_PRICE: {
      entry: [begin('READ_PRICE'), 'readPrice', changed('READ_PRICE')],
      on: { PricesRead: { guard: 'answersThisStep', target: 'BILL', actions: assign({ prices: ({ event }: Args) => (event as GroupEvent & { type: 'PricesRead' }).data.prices }) }, ...failures.on },
      after: failures.after,
    },
    BILL: {
      entry: [begin('BILL'), 'bill', changed('BILL')],
      on: { GroupBilled: { guard: 'answersThisStep', target: 'COMMS', actions: assign({ bills: ({ event }: Args) => (event as GroupEvent & { type: 'GroupBilled' }).data.bills }) }, ...failures.on },
      after: failures.after,
    },
    COMMS: {
      entry: [begin('COMMS'), 'announce', changed('COMMS')],
      on: { BillsAnnounced: { guard: 'answersThisStep', target: 'COMPLETED', actions: assign({ bills: ({ event }: Args) => (event as GroupEvent & { type: 'BillsAnnounced' }).data.bills }) }, ...failures.on },
      after: failures.after,
    },
    FAILED: {
      entry: [counted, changed('FAILED')],
      on: {
        RetryBillingGroup: [
          { guard: 'failedAtReadPrice', target: 'READ_PRICE', actions: assign({ failedReason: null }) },
          { guard: 'failedAtBill', target: 'BILL', actions: assign({ failedReason: null }) },
          { target: 'COMMS', actions: assign({ failedReason: null }) },
        ],
      },
    },
    SPLIT: {
      type: 'final',
      entry: [assign({ splitInto: ({ context }: Args) => context.contractIds.map((_, i) => `${context.groupId}.${i + 1}`) }), counted, 'startChildren', changed('SPLIT')],
    },
    COMPLETED: { type: 'final', entry: [counted, changed('COMPLETED')] },
  },
});
