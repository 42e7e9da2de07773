import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainTypes, restaurantEdge } from './restaurant-edge.ts';

let r: Awaited<ReturnType<typeof restaurantEdge>>;
beforeAll(async () => { r = await restaurantEdge('restaurant-flow'); });
afterAll(() => r?.edge.cleanup());

describe('an order through the restaurant', () => {
  it('eats first: placed, cooked, priced, paid, finished, in exactly that message sequence', async () => {
    const { orderId, correlationId } = await r.order({ tableNumber: 4, items: [{ item: 'pancake', quantity: 2 }] });
    const done = await r.untilStatus(orderId, ['finished']);
    expect(done).toMatchObject({ orderId, correlationId, subtotal: 20, tax: 5, total: 25, paid: true, ingredients: 'flour, milk, egg', dodgy: false });
    expect(domainTypes(await r.messages(orderId))).toEqual([
      'OrderPlaced', 'CookFood!', 'CookFood!', 'OrderCooked', 'PriceOrder!', 'OrderPriced', 'TakePayment!', 'OrderPaid', 'ProcessFinished',
    ]);
  });
});
