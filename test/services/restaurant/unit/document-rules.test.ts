import { describe, expect, it } from 'vitest';
import { priceOrder } from '../../../../services/restaurant/assistant-manager/price-order.ts';
import { takePayment } from '../../../../services/restaurant/cashier/take-payment.ts';
import { cookFood, isExpired } from '../../../../services/restaurant/kitchen/cook-food.ts';
import { placeOrder } from '../../../../services/restaurant/waiter/place-order.ts';
import { randomOrder } from '../../../../services/restaurant/waiter/random-order.ts';

const twoPancakes = placeOrder({ tableNumber: 5, items: [{ item: 'pancake', quantity: 2 }] }, 'o-1', Date.parse('2026-01-01T12:00:00Z'), 15_000);
const withIceCream = placeOrder({ tableNumber: 5, items: [{ item: 'pancake', quantity: 2 }, { item: 'ice cream', quantity: 2 }] }, 'o-2', 0, 15_000);

describe('the document', () => {
  it('is placed by the waiter with its items, not dodgy by default, expiring 15 s later', () => {
    expect(twoPancakes).toMatchObject({ orderId: 'o-1', tableNumber: 5, items: [{ item: 'pancake', quantity: 2, price: 0 }], paid: false, dodgy: false });
    expect(twoPancakes.expires).toBe('2026-01-01T12:00:15.000Z');
  });

  it('is priced 20/5/25 for 2 pancakes and 32/8/40 with 2 ice creams', () => {
    expect(priceOrder(twoPancakes)).toMatchObject({ subtotal: 20, tax: 5, total: 25 });
    expect(priceOrder(withIceCream)).toMatchObject({ subtotal: 32, tax: 8, total: 40, items: [{ price: 10 }, { price: 6 }] });
  });

  it('rounds the tax down (floor of a quarter)', () => {
    const one = placeOrder({ tableNumber: 1, items: [{ item: 'ice cream', quantity: 1 }] }, 'o-3', 0, 1);
    expect(priceOrder(one)).toMatchObject({ subtotal: 6, tax: 1, total: 7 });
  });

  it('gets the ingredients of every dish joined with ", " and the cook time added', () => {
    expect(cookFood(twoPancakes, 1_500)).toMatchObject({ ingredients: 'flour, milk, egg', cookTime: 1_500 });
    expect(cookFood(cookFood(withIceCream, 1_500), 3_000)).toMatchObject({ ingredients: 'flour, milk, egg, ice cream, chocolate', cookTime: 4_500 });
  });

  it('keeps every field an actor does not own, known or unknown', () => {
    const document = { ...twoPancakes, napkins: 3, waiterNote: { text: 'window seat' } };
    const done = takePayment(priceOrder(cookFood(document, 1_500)));
    expect(done).toMatchObject({ napkins: 3, waiterNote: { text: 'window seat' }, orderId: 'o-1', tableNumber: 5, dodgy: false, paid: true });
    expect(cookFood(document, 1).paid).toBe(false);
    expect(priceOrder(document).ingredients).toBe('');
  });

  it('is expired from its expires on', () => {
    expect(isExpired(twoPancakes, Date.parse(twoPancakes.expires) - 1)).toBe(false);
    expect(isExpired(twoPancakes, Date.parse(twoPancakes.expires))).toBe(true);
  });
});

describe('a random order', () => {
  it('is 2 pancakes, plus 2 ice creams half the time, at a table 1..19', () => {
    const draws = (values: number[]) => () => values.shift() ?? 0;
    expect(randomOrder(draws([0, 0.2, 0.7]))).toEqual({ tableNumber: 1, items: [{ item: 'pancake', quantity: 2 }, { item: 'ice cream', quantity: 2 }], dodgy: false });
    expect(randomOrder(draws([0.999, 0.6, 0.1]))).toEqual({ tableNumber: 19, items: [{ item: 'pancake', quantity: 2 }], dodgy: true });
  });
});
