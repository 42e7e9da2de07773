import type { OrderRequest } from './place-order.ts';

/**
 * An order as the waiter takes one by himself (`POST /orders/random`): a random table,
 * 2 pancakes, plus 2 ice creams half the time, dodgy half the time. `random` in [0, 1).
 */
export function randomOrder(random: () => number): OrderRequest {
  const tableNumber = 1 + Math.floor(random() * 19);
  const items: OrderRequest['items'] = random() < 0.5
    ? [{ item: 'pancake', quantity: 2 }, { item: 'ice cream', quantity: 2 }]
    : [{ item: 'pancake', quantity: 2 }];
  return { tableNumber, items, dodgy: random() < 0.5 };
}
