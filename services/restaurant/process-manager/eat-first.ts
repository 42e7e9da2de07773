import { orderProcessSetup } from './order-process-setup.ts';

/**
 * Eat first (a customer who is not dodgy): cook, price, pay. Cooking has an alarm clock:
 * each CookFood sets CookingTimedOut{tries} for 10 s later; a timeout after the food came
 * is ignored (no state here handles it), after 3 tries the process gives up. The first
 * OrderCooked is priced; any later one is only reported as DuplicateFoodCooked.
 */
export const eatFirst = orderProcessSetup.createStateConfig({
  initial: 'cooking',
  states: {
    cooking: {
      entry: ['countTry', 'cookFood', 'setAlarm'],
      on: {
        OrderCooked: { target: 'pricing', actions: 'takeDocument' },
        CookingTimedOut: [
          { guard: 'outOfTries', target: '#gave-up' },
          { actions: ['countTry', 'cookFood', 'setAlarm'] },
        ],
      },
    },
    pricing: {
      entry: 'priceOrder',
      on: { OrderPriced: { target: 'paying', actions: 'takeDocument' }, OrderCooked: { actions: 'reportDuplicate' } },
    },
    paying: {
      entry: 'takePayment',
      on: { OrderPaid: { target: '#finished', actions: 'takeDocument' }, OrderCooked: { actions: 'reportDuplicate' } },
    },
  },
});
