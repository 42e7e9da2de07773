import { assign, setup } from 'xstate';
import type { Envelope } from '../../../actors/mod.ts';
import { milkFactory } from '../landscape.ts';
import type { StartRequisition } from '../subscriptions/subscription-messages.ts';
import { initialRequisition, requisitionChanged, type RequisitionContext } from './requisition-context.ts';
import { requisitionDeadline, type RequisitionState } from './requisition-names.ts';

type MessageEvent<Type extends string, Data> = { type: Type; data: Data; message: Envelope };
type QuotaAnswer = { claimed: number; total: number; reason?: string };
export type RequisitionEvent =
  | MessageEvent<'StartRequisition', StartRequisition>
  | MessageEvent<'QuotaReserved' | 'QuotaExceeded' | 'ContractNotRunning' | 'QuotaReleased', QuotaAnswer>
  | MessageEvent<'DistributionOrganised', { deliveryId: string; date: string }>
  | MessageEvent<'RejectRequisition', { reason: string }>;

type Args = { context: RequisitionContext; event: RequisitionEvent };
// The runtime's emit actions are typed for any machine; `as Emit` fits them to this one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Emit = any;

const quotaData = ({ context }: Args) => ({ requisitionId: context.requisitionId, contractId: context.contractId, quantity: context.quantity });
const changed = (state: RequisitionState) => milkFactory.publishEvent('RequisitionChanged', ({ context }: Args) => ({ ...requisitionChanged(context, state) })) as Emit;
const reasonFrom = (fallback: string) => assign({ reason: ({ event }: Args) => (event.data as { reason?: string }).reason ?? fallback }) as Emit;

/**
 * One requisition order (spec): PENDING while it reserves the boxes (`ReserveQuota` to
 * contracts: `QuotaReserved`, or `QuotaExceeded` → REJECTED_QUOTA_EXCEEDED) and then has
 * the delivery organised (`OrganiseDistribution`: `DistributionOrganised` → CONFIRMED).
 * Not CONFIRMED within 10 s (scaled, a durable timer from its start right after the
 * request) → REJECTED_DUE_TO_DEADLINE; a terminated contract → REJECTED_CONTRACT_TERMINATED.
 * Either rejection releases the reservation and cancels the delivery, and cancels again a
 * delivery organised late. Answers that come twice, or late, change nothing else: contracts
 * and distribution decide once per requisition id.
 */
export const requisitionMachine = setup({
  types: { context: {} as RequisitionContext, events: {} as RequisitionEvent, input: {} as StartRequisition },
  delays: { deadline: requisitionDeadline },
  actions: {
    reserve: milkFactory.sendCommand('contracts', 'ReserveQuota', quotaData) as Emit,
    release: milkFactory.sendCommand('contracts', 'ReleaseQuota', quotaData) as Emit,
    organise: milkFactory.sendCommand('distribution', 'OrganiseDistribution', ({ context }: Args) => ({
      requisitionId: context.requisitionId, contractId: context.contractId, quantity: context.quantity, deliverBy: context.deliverBy, address: context.address,
    })) as Emit,
    cancelDelivery: milkFactory.sendCommand('distribution', 'CancelDistribution', ({ context }: Args) => ({ requisitionId: context.requisitionId, contractId: context.contractId })) as Emit,
  },
}).createMachine({
  id: 'requisition@1',
  initial: 'idle',
  context: ({ input }) => initialRequisition(input),
  states: {
    idle: { on: { StartRequisition: 'PENDING' } },
    PENDING: {
      initial: 'RESERVING',
      entry: changed('PENDING'),
      after: { deadline: { target: 'REJECTED_DUE_TO_DEADLINE', actions: assign({ reason: `not confirmed within ${requisitionDeadline / 1000} s` }) } },
      on: { RejectRequisition: { target: 'REJECTED_CONTRACT_TERMINATED', actions: reasonFrom('contract terminated') } },
      states: {
        RESERVING: {
          entry: 'reserve',
          on: {
            QuotaReserved: 'ORGANISING',
            QuotaExceeded: { target: '#REJECTED_QUOTA_EXCEEDED', actions: reasonFrom('quota exceeded') },
            ContractNotRunning: { target: '#REJECTED_CONTRACT_TERMINATED', actions: reasonFrom('contract not running') },
          },
        },
        ORGANISING: {
          entry: 'organise',
          on: {
            DistributionOrganised: {
              target: '#CONFIRMED',
              actions: assign({
                deliveryId: ({ event }: Args) => (event.data as { deliveryId: string }).deliveryId,
                deliveryDate: ({ event }: Args) => (event.data as { date: string }).date,
              }),
            },
          },
        },
      },
    },
    // The end states are not XState-final: copies of answers keep coming (at-least-once), and
    // a finished machine would warn on each; they change nothing here. A delivery organised
    // after a rejection is cancelled when its answer comes.
    CONFIRMED: { id: 'CONFIRMED', entry: changed('CONFIRMED') },
    REJECTED_QUOTA_EXCEEDED: { id: 'REJECTED_QUOTA_EXCEEDED', entry: changed('REJECTED_QUOTA_EXCEEDED') },
    REJECTED_DUE_TO_DEADLINE: { entry: ['release', 'cancelDelivery', changed('REJECTED_DUE_TO_DEADLINE')], on: { DistributionOrganised: { actions: 'cancelDelivery' } } },
    REJECTED_CONTRACT_TERMINATED: { id: 'REJECTED_CONTRACT_TERMINATED', entry: ['release', 'cancelDelivery', changed('REJECTED_CONTRACT_TERMINATED')], on: { DistributionOrganised: { actions: 'cancelDelivery' } } },
  },
});
