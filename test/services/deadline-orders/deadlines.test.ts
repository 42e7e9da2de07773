import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep } from '../../support/wait.ts';
import { OrdersEdge } from './deadline-orders-edge.ts';

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

  it('sets an alarm that is already due when the deadline service comes back late, and rejects the order at once', async () => {
    await orders.setPoints('late-alarm', 1_000);
    await orders.pause('deadline');
    await orders.pause('point'); // the order stays PENDING meanwhile
    let orderId: string;
    try {
      orderId = await orders.place('late-alarm', 300);
      const { deadline } = await orders.order(orderId);
      await sleep(Math.max(0, Date.parse(deadline) - Date.now()) + 300);
      expect((await orders.order(orderId)).status).toBe('PENDING');
      await orders.resume('deadline');
      await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_DEADLINE');
    } finally {
      await orders.resume('deadline');
      await orders.resume('point');
    }
    // The point service finds the ExchangeSucceeded expired and the exchange compensated: nothing debited.
    await orders.waitForEvents(orderId, ['OrderCreated', 'ExchangeSucceeded', 'DeadlineReached', 'OrderRejected', 'ExchangeCompensated']);
    await expectEventuallyQuiet(orderId);
    expect(await orders.points('late-alarm')).toBe(1_000);
    expect(await orders.transactions(orderId)).toEqual([]);
    expect((await orders.exchanges()).map((e) => e.orderId)).not.toContain(orderId);
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
    // The late reservation comes 1 s after the order reached the exchange (unless the first
    // check was already late, on a very busy machine): wait until the exchange is done with it.
    await eventually(async () => {
      const flowId = (await orders.events(orderId)).find((e) => e.type === 'OrderCreated')!.correlationId;
      const { body } = await orders.edge.call('GET', `/api/admin/flows/${flowId}`, { as: 'admin' });
      if (!Array.isArray(body)) return false;
      const rows = body as Array<{ type: string; direction: string; actor: string }>;
      const checked = rows.some((r) => r.type === 'OrderCreated' && r.direction === 'handled' && r.actor === 'deadline-orders.exchange');
      const waited = rows.some((r) => r.type === 'ExchangeAfterWait' && r.direction === 'emitted');
      const reserved = rows.some((r) => r.type === 'ExchangeAfterWait' && r.direction === 'handled');
      return checked && (!waited || reserved);
    }, 15_000, 'the exchange to finish with the currency-200 order');
    await expectEventuallyQuiet(orderId);

    expect((await orders.order(orderId)).status).toBe('REJECTED_DUE_TO_DEADLINE');
    const types = await orders.eventTypes(orderId);
    expect(types).not.toContain('OrderPlaced');
    expect((await orders.exchanges()).map((e) => e.orderId)).not.toContain(orderId);
    expect(await orders.points('c200')).toBe(9_500);
    const transactions = await orders.transactions(orderId);
    expect(transactions.filter((t) => t.kind === 'DEBIT').length).toBe(transactions.filter((t) => t.kind === 'REFUND').length);
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
