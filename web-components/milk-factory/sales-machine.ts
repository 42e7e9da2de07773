import { assign, fromPromise, setup } from 'xstate';
import type { Discount, Draft, PriceTable } from './model.ts';

/** What the sales page shows: the draft, its discounts and prices. */
export interface SalesModel {
  draft: Draft | undefined;
  discounts: Discount[];
  prices: PriceTable;
}

export interface SalesContext extends SalesModel {
  /** The discounts and prices as last reported, with the sync timestamp they are for. */
  discountsFor: string | undefined;
  pricesFor: string | undefined;
  /** The model when it was last complete (prices for the draft's sync timestamp): what an Error rolls back to. */
  lastGood: SalesModel | undefined;
  error: string | undefined;
}

/** A REST step the page asks for; the machine runs it and waits for its answer. */
export type Step = () => Promise<Draft>;

export type SalesEvent =
  | { type: 'CREATE'; run: Step }
  | { type: 'CHANGE'; run: Step }
  | { type: 'OFFER'; run: Step }
  | { type: 'RESYNC'; run: () => Promise<unknown> }
  | { type: 'NEW' }
  | { type: 'DRAFT'; draft: Draft }
  | { type: 'DISCOUNTS'; contractId: string; syncTimestamp: string; discounts: Discount[] }
  | { type: 'PRICES'; contractId: string; syncTimestamp: string; prices: PriceTable }
  | { type: 'ERROR'; message: string };

const empty = (): SalesContext => ({ draft: undefined, discounts: [], prices: {}, discountsFor: undefined, pricesFor: undefined, lastGood: undefined, error: undefined });

/** Progress of the choreography for the draft on screen: Draft 33 %, discounts 66 %, prices 100 %. */
export function progressOf(context: SalesContext): number {
  const ts = context.draft?.contract.syncTimestamp;
  if (ts === undefined) return 0;
  if (context.pricesFor === ts && context.discountsFor === ts) return 100;
  if (context.discountsFor === ts) return 66;
  return 33;
}

const mine = (context: SalesContext, contractId: string) => context.draft?.contract.id === contractId;
const newer = (context: SalesContext, ts: string) => context.draft === undefined || ts >= context.draft.contract.syncTimestamp;

/**
 * The sales page's orchestration in the browser (spec, the sales process): each step is a
 * REST call; the choreography's results arrive over SSE (DRAFT, DISCOUNTS, PRICES) and
 * complete the model; offering is possible only when prices match the draft's sync
 * timestamp. An ERROR rolls the view back to the last good model.
 */
export const salesMachine = setup({
  types: { context: {} as SalesContext, events: {} as SalesEvent },
  actors: {
    step: fromPromise<Draft, { run: Step }>(({ input }) => input.run()),
    resync: fromPromise<unknown, { run: () => Promise<unknown> }>(({ input }) => input.run()),
  },
  guards: {
    complete: ({ context }) => progressOf(context) === 100,
  },
  actions: {
    keepDraft: assign(({ context, event }) => {
      const draft = (event as unknown as { output: Draft }).output;
      return newer(context, draft.contract.syncTimestamp) || !mine(context, draft.contract.id) ? { draft, error: undefined } : {};
    }),
    failed: assign({ error: ({ event }) => ((event as unknown as { error: Error }).error?.message ?? 'failed') }),
    rollBack: assign(({ context, event }) => ({
      ...(context.lastGood ?? { draft: context.draft, discounts: [], prices: {} }),
      error: (event as { message?: string }).message ?? 'failed',
    })),
    saveGood: assign({ lastGood: ({ context }) => ({ draft: context.draft, discounts: context.discounts, prices: context.prices }) }),
  },
}).createMachine({
  id: 'milk-factory-sales',
  context: empty,
  initial: 'empty',
  on: {
    DRAFT: { guard: ({ context, event }) => mine(context, event.draft.contract.id) && newer(context, event.draft.contract.syncTimestamp), actions: assign({ draft: ({ event }) => event.draft }) },
    DISCOUNTS: { guard: ({ context, event }) => mine(context, event.contractId), actions: assign({ discounts: ({ event }) => event.discounts, discountsFor: ({ event }) => event.syncTimestamp }) },
    PRICES: { guard: ({ context, event }) => mine(context, event.contractId), actions: assign({ prices: ({ event }) => event.prices, pricesFor: ({ event }) => event.syncTimestamp }) },
    NEW: { target: '.empty', actions: assign(empty) },
  },
  states: {
    empty: { on: { CREATE: 'requesting' } },
    requesting: {
      invoke: {
        src: 'step',
        input: ({ event }) => ({ run: (event as { run: Step }).run }),
        onDone: { target: 'waiting', actions: 'keepDraft' },
        onError: { target: 'failed', actions: 'failed' },
      },
    },
    waiting: {
      always: { guard: 'complete', target: 'ready', actions: 'saveGood' },
      on: { ERROR: { target: 'failed', actions: 'rollBack' }, CHANGE: 'requesting' },
    },
    ready: {
      always: { guard: ({ context }) => progressOf(context) < 100, target: 'waiting' },
      on: { CHANGE: 'requesting', OFFER: 'offering', ERROR: { target: 'failed', actions: 'rollBack' } },
    },
    offering: {
      invoke: {
        src: 'step',
        input: ({ event }) => ({ run: (event as { run: Step }).run }),
        onDone: { target: 'offered', actions: assign({ draft: ({ event }) => event.output, error: undefined }) },
        onError: { target: 'ready', actions: 'failed' },
      },
    },
    offered: {},
    failed: {
      on: {
        CHANGE: 'requesting',
        RESYNC: 'resyncing',
      },
    },
    resyncing: {
      invoke: {
        src: 'resync',
        input: ({ event }) => ({ run: (event as { run: () => Promise<unknown> }).run }),
        onDone: { target: 'waiting', actions: assign({ error: undefined }) },
        onError: { target: 'failed', actions: 'failed' },
      },
    },
  },
});
