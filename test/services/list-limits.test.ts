import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineordersLandscape } from '../../services/deadline-orders/mod.ts';
import { createRestaurantLandscape } from '../../services/restaurant/mod.ts';
import { vouchersLandscape } from '../../services/vouchers/mod.ts';
import { TestEdge } from '../support/landscape-edge.ts';
import { eventually } from '../support/wait.ts';

// Common spec: lists are capped and honour `limit` (an integer from 1 to 1000; anything else 400).
let edge: TestEdge;
beforeAll(async () => {
  const restaurant = createRestaurantLandscape({ dispatch: 'more-fair', chaos: { drop: 0, duplicate: 0 }, random: Math.random });
  // Real time: a 10 s deadline, so a loaded machine does not reject the orders this test counts.
  edge = await TestEdge.start('list-limits', [deadlineordersLandscape, restaurant, vouchersLandscape]);
});
afterAll(() => edge?.cleanup());

const list = (path: string) => edge.expect<any[]>(200, 'GET', path);

describe('list endpoints', () => {
  it('answer at most `limit` items, the newest, in each landscape', async () => {
    await edge.expect(200, 'PUT', '/api/deadline-orders/points/lim', { as: 'admin', body: { point: 1_000 } });
    const orderIds: string[] = [];
    // One order at a time, each debit booked before the next order: orders of different ids are
    // handled in parallel, so only this makes the third debit the newest transaction.
    for (let i = 0; i < 3; i += 1) {
      orderIds.push((await edge.expect(202, 'POST', '/api/deadline-orders/orders', { body: { holderId: 'lim', currencyId: 1, amount: 10 } })).orderId);
      await eventually(async () => (await list('/api/deadline-orders/transactions?holderId=lim')).length === i + 1, 30_000, `debit ${i + 1}`);
    }
    expect((await list('/api/deadline-orders/orders?limit=2')).map((o) => o.orderId)).toEqual([orderIds[2], orderIds[1]]);
    expect((await list('/api/deadline-orders/orders')).length).toBeGreaterThanOrEqual(3);
    const newest = await list('/api/deadline-orders/transactions?limit=1');
    expect(newest).toHaveLength(1);
    expect(newest[0].orderId).toBe(orderIds[2]);
    expect(await list('/api/deadline-orders/exchanges?limit=1')).toHaveLength(1);
    expect((await list('/api/deadline-orders/deadlines?limit=1')).length).toBeLessThanOrEqual(1);

    for (let i = 0; i < 2; i += 1) await edge.expect(202, 'POST', '/api/restaurant/orders', { body: { tableNumber: 1 + i, items: [{ item: 'pancake', quantity: 1 }] } });
    expect(await list('/api/restaurant/orders?limit=1')).toHaveLength(1);
    for (let i = 0; i < 2; i += 1) await edge.expect(201, 'POST', '/api/vouchers/orders', { body: { netTotal: 10 } });
    expect(await list('/api/vouchers/orders?limit=1')).toHaveLength(1);
    expect(await list('/api/vouchers/vouchers?limit=1')).toHaveLength(0);
  });

  it('refuse a `limit` that is not an integer from 1 to its cap with 400, never ignoring it', async () => {
    for (const path of ['/api/deadline-orders/orders', '/api/deadline-orders/transactions', '/api/deadline-orders/exchanges', '/api/restaurant/orders', '/api/vouchers/orders']) {
      for (const limit of ['0', '-1', 'abc', '1.5', '100000', '1e3']) {
        const answer = await edge.call('GET', `${path}?limit=${limit}`);
        expect(answer.status, `${path}?limit=${limit}`).toBe(400);
        expect(answer.body.errors, `${path}?limit=${limit}`).toEqual([expect.objectContaining({ path: 'query.limit' })]);
      }
    }
  });
});
