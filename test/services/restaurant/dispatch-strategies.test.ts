import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CookName } from '../../../services/restaurant/kitchen/cooks.ts';
import { cookService } from '../../../services/restaurant/kitchen/cooks.ts';
import { moreFairBound } from '../../../services/restaurant/kitchen/dispatch-strategy.ts';
import type { KitchenTables } from '../../../services/restaurant/kitchen/kitchen-store.ts';
import { readDb } from '../../../services/restaurant/read-db.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { restaurantEdge } from './restaurant-edge.ts';

type Restaurant = Awaited<ReturnType<typeof restaurantEdge>>;

/**
 * Places orders at once and waits until every one reached a known end state. Asks one
 * order at a time: thirty pollers at once would crowd the restaurant's own connection pool.
 */
async function placeAll(r: Restaurant, tables: number[]) {
  const placed = await Promise.all(tables.map((tableNumber) => r.order({ tableNumber, items: [{ item: 'pancake', quantity: 2 }] })));
  const ended = new Map<string, any>();
  const until = Date.now() + 60_000;
  while (ended.size < placed.length && Date.now() < until) {
    for (const { orderId } of placed.filter((p) => !ended.has(p.orderId))) {
      const order = await r.get(orderId);
      if (['finished', 'gave-up'].includes(order.status)) ended.set(orderId, order);
    }
    await sleep(100);
  }
  if (ended.size < placed.length) throw new Error(`${placed.length - ended.size} orders did not end`);
  return [...ended.values()];
}

/** Every CookFood the kitchen handed a cook, in the order it decided (one decision at a time). */
async function assignments(r: Restaurant) {
  const kitchen = r.landscape.actors.find((a) => a.service === 'kitchen')!;
  return readDb<KitchenTables>(r.edge.system, kitchen).selectFrom('assignments').select(['order_id', 'cook'])
    .orderBy('assigned_at').execute();
}

describe('more-fair dispatch (the default)', () => {
  let r: Restaurant;
  // Faster time: these tests check where orders go, not that they beat the alarm.
  beforeAll(async () => { r = await restaurantEdge('restaurant-more-fair', { dispatch: 'more-fair' }, { timeScale: 0.25 }); });
  afterAll(() => r?.edge.cleanup());

  it(`never lets a cook hold more than ${moreFairBound} of 30 orders, and the fast cook cooks the most`, async () => {
    const before = await r.cooks();
    let mostSeen = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const cook of await r.cooks()) mostSeen = Math.max(mostSeen, cook.queueLength);
        await sleep(50);
      }
    })();
    const ended = await placeAll(r, Array.from({ length: 30 }, (_, i) => 1 + (i % 19)));
    watching = false;
    await watcher;

    const after = await r.cooks();
    expect(ended.every((order) => ['finished', 'gave-up'].includes(order.status))).toBe(true);
    expect(mostSeen).toBeLessThanOrEqual(moreFairBound);
    for (const cook of after) expect(cook.mostHeld, cook.name).toBeLessThanOrEqual(moreFairBound);
    const cooked = Object.fromEntries(after.map((cook, i) => [cook.name, cook.cooked - before[i]!.cooked]));
    expect(cooked.tom).toBeGreaterThan(cooked.dick!);
    expect(cooked.tom).toBeGreaterThan(cooked.harry!);
  });

  it(`gives the next order to the next cook once the first holds ${moreFairBound}`, async () => {
    const tom = r.edge.system.names.mailbox('restaurant', cookService('tom'));
    // Retries of the orders before may still be on a cook's list until they expire.
    await eventually(async () => (await r.cooks()).every((cook) => cook.queueLength === 0), 20_000, 'every cook idle');
    const before = (await assignments(r)).length;
    await r.edge.system.operations.pause(tom); // tom stops taking from his mailbox: what he is given, he holds
    try {
      await Promise.all(Array.from({ length: moreFairBound + 2 }, (_, i) => r.order({ tableNumber: 1 + i, items: [{ item: 'pancake', quantity: 1 }] })));
      const given = await eventually(async () => {
        const latest = (await assignments(r)).slice(before);
        return latest.length === moreFairBound + 2 ? latest : undefined;
      }, 10_000, 'every order dispatched');
      expect(given.map((a) => a.cook)).toEqual([...Array<CookName>(moreFairBound).fill('tom'), 'dick', 'dick']);
      expect((await r.cooks()).find((c) => c.name === 'tom')!.queueLength).toBe(moreFairBound);
    } finally {
      await r.edge.system.operations.resume(tom);
    }
  });
});

describe('round-robin dispatch', () => {
  let r: Restaurant;
  beforeAll(async () => { r = await restaurantEdge('restaurant-round-robin', { dispatch: 'round-robin' }); });
  afterAll(() => r?.edge.cleanup());

  it('spreads orders evenly over the cooks, fast or slow: each in turn', async () => {
    const before = (await assignments(r)).length;
    await placeAll(r, [1, 2, 3, 4, 5, 6]);
    // Whatever the timing (an alarm may resend one), the kitchen's decisions take turns.
    const cooks = (await assignments(r)).slice(before).map((a) => a.cook);
    expect(cooks.length).toBeGreaterThanOrEqual(6);
    expect(cooks).toEqual(cooks.map((_, i) => ['tom', 'dick', 'harry'][(i + before) % 3]));
    const counts = ['tom', 'dick', 'harry'].map((name) => cooks.filter((c) => c === name).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('pinned dispatch', () => {
  let r: Restaurant;
  beforeAll(async () => { r = await restaurantEdge('restaurant-pinned', { dispatch: 'pinned' }); });
  afterAll(() => r?.edge.cleanup());

  it('sends every order of a table to the same cook', async () => {
    const ended = await placeAll(r, [7, 7, 8, 8, 9, 9]);
    const tableOf = new Map(ended.map((order) => [order.orderId, order.tableNumber]));
    const byTable = new Map<number, Set<string>>();
    for (const assignment of await assignments(r)) {
      const table = tableOf.get(assignment.order_id);
      if (table !== undefined) byTable.set(table, (byTable.get(table) ?? new Set()).add(assignment.cook));
    }
    expect(byTable.size).toBe(3);
    for (const [table, cooks] of byTable) expect([...cooks], `table ${table}`).toHaveLength(1);
    // Three tables, three cooks: the hash spreads them.
    expect(new Set([...byTable.values()].flatMap((cooks) => [...cooks])).size).toBe(3);
  });
});
