import { eatFirst } from './eat-first.ts';
import { orderProcessSetup } from './order-process-setup.ts';
import { payFirst } from './pay-first.ts';

/**
 * One process manager per order (rule 11: an instance per correlation id). The order's
 * `dodgy` flag, read when it is placed, chooses which of the two runs it: eat first or
 * pay first. Both end in a known end state: finished, or gave up (final).
 */
export const orderProcess = orderProcessSetup.createMachine({
  id: 'order-process@1',
  initial: 'placed',
  context: ({ input }) => ({ document: input.document, tries: 0 }),
  states: {
    placed: {
      on: {
        OrderPlaced: [
          { guard: 'dodgy', target: 'payFirst', actions: 'takeDocument' },
          { target: 'eatFirst', actions: 'takeDocument' },
        ],
      },
    },
    eatFirst,
    payFirst,
    // Not an XState final state: food cooked twice may come after the process finished, and
    // the spec wants every later OrderCooked reported (and nothing else done).
    finished: { id: 'finished', entry: 'finish', on: { OrderCooked: { actions: 'reportDuplicate' } } },
    gaveUp: { id: 'gave-up', type: 'final', entry: 'giveUp' },
  },
});
