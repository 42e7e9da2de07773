import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moreFairBound } from '../../../services/restaurant/kitchen/dispatch-strategy.ts';
import { restaurantEdge } from './restaurant-edge.ts';

type Restaurant = Awaited<ReturnType<typeof restaurantEdge>>;

/** Places orders at once and waits until every one reached a known end state. */
async function placeAll(r: Restaurant, tables: number[]) {
  const placed = await Promise.all(tables.map((tableNumber) => r.order({ tableNumber, items: [{ item: 'pancake', quantity: 2 }] })));
  return Promise.all(placed.map(({ orderId }) => r.untilStatus(orderId, ['finished', 'gave-up'], 40_000)));
}

/** Which cook cooked each order, from its OrderCooked's source. */
async function cookOf(r: Restaurant, orderId: string): Promise<string | undefined> {
  return (await r.messages(orderId)).find((m) => m.type === 'OrderCooked')?.source.replace('restaurant.cook-', '');
}

describe('more-fair dispatch (the default)', () => {
  let r: Restaurant;
  beforeAll(async () => { r = await restaurantEdge('restaurant-more-fair', { dispatch: 'more-fair' }); });
  afterAll(() => r?.edge.cleanup());

  it(`never lets a cook hold more than ${moreFairBound} of 30 orders, and the fast cook cooks the most`, async () => {
    const before = await r.cooks();
    let mostSeen = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const cook of await r.cooks()) mostSeen = Math.max(mostSeen, cook.queueLength);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const ended = await placeAll(r, Array.from({ length: 30 }, (_, i) => 1 + (i % 19)));
    watching = false;
    await watcher;

    const after = await r.cooks();
    expect(ended.every((order) => ['finished', 'gave-up'].includes(order.status))).toBe(true);
    expect(mostSeen).toBeLessThanOrEqual(moreFairBound);
    expect(mostSeen).toBe(moreFairBound); // the bound was reached: it is what held the rest back
    for (const cook of after) expect(cook.mostHeld, cook.name).toBeLessThanOrEqual(moreFairBound);
    const cooked = Object.fromEntries(after.map((cook, i) => [cook.name, cook.cooked - before[i]!.cooked]));
    expect(cooked.tom).toBeGreaterThan(cooked.dick!);
    expect(cooked.tom).toBeGreaterThan(cooked.harry!);
  });
});

describe('round-robin dispatch', () => {
  let r: Restaurant;
  beforeAll(async () => { r = await restaurantEdge('restaurant-round-robin', { dispatch: 'round-robin' }); });
  afterAll(() => r?.edge.cleanup());

  it('spreads orders evenly over the cooks, fast or slow', async () => {
    const before = await r.cooks();
    // Two each: even harry (3 s an order) is done before the 10 s alarm would cook anything again.
    const ended = await placeAll(r, [1, 2, 3, 4, 5, 6]);
    expect(ended.every((order) => order.status === 'finished')).toBe(true);
    const after = await r.cooks();
    expect(after.map((cook, i) => cook.cooked - before[i]!.cooked)).toEqual([2, 2, 2]);
  });
});

describe('pinned dispatch', () => {
  let r: Restaurant;
  beforeAll(async () => { r = await restaurantEdge('restaurant-pinned', { dispatch: 'pinned' }); });
  afterAll(() => r?.edge.cleanup());

  it('sends every order of a table to the same cook', async () => {
    const ended = await placeAll(r, [7, 7, 8, 8, 9, 9]);
    expect(ended.every((order) => order.status === 'finished')).toBe(true);
    const byTable = new Map<number, Set<string | undefined>>();
    for (const order of ended) {
      const cooks = byTable.get(order.tableNumber) ?? new Set();
      cooks.add(await cookOf(r, order.orderId));
      byTable.set(order.tableNumber, cooks);
    }
    for (const [table, cooks] of byTable) expect([...cooks], `table ${table}`).toHaveLength(1);
    // Three tables, three cooks: the hash spreads them.
    expect(new Set([...byTable.values()].flatMap((cooks) => [...cooks])).size).toBe(3);
  });
});
