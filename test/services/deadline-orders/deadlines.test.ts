import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep } from '../../support/wait.ts';
import { base, OrdersEdge } from './deadline-orders-edge.ts';

// TIME_SCALE 0.1: the 10 s deadline is 1 s, the fault-injection waits 1 s.
let orders: OrdersEdge;
beforeAll(async () => { orders = await OrdersEdge.start('do-deadlines', { timeScale: 0.1 }); });
afterAll(() => orders?.cleanup());

describe('deadline-orders: deadlines', () => {
  it('rejects an order for the deadline while the exchange is paused, and ignores the stale OrderCreated after resume', async () => {
    await orders.setPoints('jjy', 9_500);
    await orders.pause('exchange');
    let orderId: string;
    try {
      orderId = await orders.place('jjy', 500);
      const rejected = await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_DEADLINE');
      expect(rejected.reason).toBe('deadline reached');
    } finally {
      await orders.resume('exchange');
    }
    const created = (await orders.events(orderId)).find((e) => e.type === 'OrderCreated')!;
    await orders.waitHandled(created, ['exchange']);
    await sleep(300); // anything the stale OrderCreated could have set off would be on its way by now

    expect(await orders.eventTypes(orderId)).toEqual(['OrderCreated', 'DeadlineReached', 'OrderRejected']);
    expect((await orders.order(orderId)).status).toBe('REJECTED_DUE_TO_DEADLINE');
    expect(await orders.exchangeOf(orderId)).toMatchObject({ status: expect.stringMatching(/^(EXPIRED|CANCELLED)$/) });
    expect((await orders.exchanges()).map((e) => e.orderId)).not.toContain(orderId);
    expect(await orders.points('jjy')).toBe(9_500);
    expect(await orders.transactions(orderId)).toEqual([]);
  });

  it('currency 100: the exchange waits before checking, so the order is rejected for the deadline and nothing is exchanged', async () => {
    await orders.setPoints('c100', 9_500);
    const orderId = await orders.place('c100', 500, 100);
    await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_DEADLINE');
    // The exchange finished its wait and checked: the record says it did nothing.
    await eventually(async () => (await orders.exchangeOf(orderId))?.status === 'EXPIRED' || (await orders.exchangeOf(orderId))?.status === 'CANCELLED');
    await expectEventuallyQuiet(orderId);
    const types = await orders.eventTypes(orderId);
    expect(types).not.toContain('ExchangeSucceeded');
    expect(types).toEqual(['OrderCreated', 'DeadlineReached', 'OrderRejected']);
    expect((await orders.exchanges()).map((e) => e.orderId)).not.toContain(orderId);
    expect(await orders.points('c100')).toBe(9_500);
  });

  it('currency 200: the exchange checks, then waits and succeeds late; the order stays rejected, points restored, no live exchange', async () => {
    await orders.setPoints('c200', 9_500);
    const orderId = await orders.place('c200', 500, 200);
    await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_DEADLINE');
    // The late reservation comes 1 s after the order reached the exchange; wait until it was handled.
    await eventually(async () => {
      const flowId = (await orders.events(orderId)).find((e) => e.type === 'OrderCreated')!.correlationId;
      const { body } = await orders.edge.call('GET', `/api/admin/flows/${flowId}`, { as: 'admin' });
      return Array.isArray(body) && body.some((row: { type: string; direction: string }) => row.type === 'ExchangeAfterWait' && row.direction === 'handled');
    }, 15_000, 'the late reservation of currency 200');
    await expectEventuallyQuiet(orderId);

    expect((await orders.order(orderId)).status).toBe('REJECTED_DUE_TO_DEADLINE');
    const types = await orders.eventTypes(orderId);
    expect(types).not.toContain('OrderPlaced');
    expect((await orders.exchanges()).map((e) => e.orderId)).not.toContain(orderId);
    expect(await orders.points('c200')).toBe(9_500);
    const transactions = await orders.transactions(orderId);
    expect(transactions.filter((t) => t.kind === 'DEBIT').length).toBe(transactions.filter((t) => t.kind === 'REFUND').length);
  });

  it('leaves an order approved in time approved once its deadline passes, and takes its alarm off the pending list', async () => {
    await orders.setPoints('quick', 1_000);
    const orderId = await orders.place('quick', 100);
    const order = await orders.waitForStatus(orderId, 'APPROVED', 5_000).catch(async () => orders.order(orderId));
    // On a machine too slow for a 1 s deadline the order is rightly rejected; the rule checked here needs it approved.
    expect(order.status).toBe('APPROVED');
    const { deadline } = await orders.edge.expect(200, 'GET', `${base}/orders/${orderId}`);
    await sleep(Math.max(0, Date.parse(deadline) - Date.now()) + 500);
    expect((await orders.order(orderId)).status).toBe('APPROVED');
    expect(await orders.eventTypes(orderId)).toEqual(['OrderCreated', 'ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']);
    const pending: Array<{ orderId: string }> = await orders.edge.expect(200, 'GET', `${base}/deadlines`);
    expect(pending.map((d) => d.orderId)).not.toContain(orderId);
    expect(await orders.points('quick')).toBe(900);
  });
});

/** Waits until the order's timeline stops growing for a moment (the choreography settled). */
async function expectEventuallyQuiet(orderId: string): Promise<void> {
  let last = -1;
  await eventually(async () => {
    const count = (await orders.eventTypes(orderId)).length;
    const quiet = count === last;
    last = count;
    if (!quiet) await sleep(400);
    return quiet;
  }, 15_000, `order ${orderId} to settle`);
}
