import { orderProcessSetup } from './order-process-setup.ts';

/**
 * Pay first (a dodgy customer): price, take the money, then cook. No alarm: the spec's
 * pay-first process waits for the food as long as it takes.
 */
export const payFirst = orderProcessSetup.createStateConfig({
  initial: 'pricing',
  states: {
    pricing: { entry: 'priceOrder', on: { OrderPriced: { target: 'paying', actions: 'takeDocument' } } },
    paying: { entry: 'takePayment', on: { OrderPaid: { target: 'cooking', actions: 'takeDocument' } } },
    cooking: { entry: 'cookFood', on: { OrderCooked: { target: '#finished', actions: 'takeDocument' } } },
  },
});
