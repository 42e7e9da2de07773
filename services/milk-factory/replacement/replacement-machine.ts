import { assign, setup } from 'xstate';
import type { Envelope } from '../../../actors/mod.ts';
import { milkFactory } from '../landscape.ts';
import { addDays } from '../shared/calendar-day.ts';
import type { StartContractReplacement } from './replacement-messages.ts';

export interface ReplacementContext {
  oldId: string;
  newId: string;
  /** The replacement's start: the old contract ends the day before. */
  start: string;
  reason: string | null;
}

type MessageEvent<Type extends string, Data> = { type: Type; data: Data; message: Envelope };
export type ReplacementEvent =
  | MessageEvent<'StartContractReplacement', StartContractReplacement>
  | MessageEvent<'ContractApproved', unknown>
  | MessageEvent<'DraftDeleted', unknown>
  | MessageEvent<'ContractTerminated', unknown>
  | MessageEvent<'TerminationRejected', { reason: string }>;
type Args = { context: ReplacementContext; event: ReplacementEvent };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runtime's emit actions, fitted to this machine
type Emit = any;

/**
 * One replacement (spec, Replacement), keyed by the replacement draft's id: it waits for the
 * draft's approval, then has contracts terminate the old contract with `end = new start − 1`
 * and publishes `ContractReplaced {oldId, newId}`. A deleted draft ends it with the old
 * contract untouched. A refused termination (the old contract ended meanwhile, or was billed
 * past that day) leaves it FAILED with the reason, for a person to settle.
 */
export const replacementMachine = setup({
  types: { context: {} as ReplacementContext, events: {} as ReplacementEvent, input: {} as StartContractReplacement },
  actions: {
    terminateOld: milkFactory.sendCommand('contracts', 'TerminateContract', ({ context }: Args) => ({
      contractId: context.oldId, end: addDays(context.start, -1), replacedBy: context.newId,
    })) as Emit,
    announce: milkFactory.publishEvent('ContractReplaced', ({ context }: Args) => ({ oldId: context.oldId, newId: context.newId })) as Emit,
  },
}).createMachine({
  id: 'contract-replacement@1',
  initial: 'idle',
  context: ({ input }) => ({ oldId: input.oldId, newId: input.newId, start: input.start, reason: null }),
  states: {
    idle: { on: { StartContractReplacement: 'AWAITING_APPROVAL' } },
    AWAITING_APPROVAL: {
      on: {
        ContractApproved: { target: 'TERMINATING', actions: 'terminateOld' },
        DraftDeleted: 'CANCELLED',
      },
    },
    TERMINATING: {
      on: {
        ContractTerminated: { target: 'COMPLETED', actions: 'announce' },
        TerminationRejected: { target: 'FAILED', actions: assign({ reason: ({ event }: Args) => (event.type === 'TerminationRejected' ? event.data.reason : null) }) },
      },
    },
    COMPLETED: { type: 'final' },
    CANCELLED: { type: 'final' },
    FAILED: { type: 'final' },
  },
});
