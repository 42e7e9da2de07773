import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/wait.ts';
import { VouchersEdge } from './vouchers-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

let v: VouchersEdge;
beforeAll(async () => { v = await VouchersEdge.start('vouchers-rest', { timeScale: 0.01 }); });
afterAll(() => v?.cleanup());

describe('orders over REST', () => {
  it('creates an order with a net total of 150 by default, today, at 19 %, undelivered, and reads it back', async () => {
    const order = await v.createOrder();
    expect(order).toMatchObject({ netTotal: 150, vatRate: 0.19, deliverySent: false, orderDate: new Date().toISOString().slice(0, 10) });
    expect(order.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await v.edge.expect(200, 'GET', `/api/vouchers/orders/${order.id}`)).toEqual(order);
    expect((await v.edge.expect(200, 'GET', '/api/vouchers/orders')).map((o: any) => o.id)).toContain(order.id);
  });

  it('takes a request without a body as one with every default', async () => {
    const { status, body } = await v.edge.call('POST', '/api/vouchers/orders');
    expect(status).toBe(201);
    expect(body).toMatchObject({ netTotal: 150, deliverySent: false });
    expect((await v.edge.call('POST', '/api/vouchers/orders', { body: 'netTotal=5', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
  });

  it('uses 16 % for an order dated in the second half of 2020', async () => {
    expect(await v.createOrder({ netTotal: 87, orderDate: '2020-12-31' })).toMatchObject({ netTotal: 87, vatRate: 0.16, orderDate: '2020-12-31' });
  });

  it('refuses bad input with 400 and stores nothing, and answers 404 for an unknown order', async () => {
    const before = (await v.edge.expect(200, 'GET', '/api/vouchers/orders')).length;
    for (const body of [{ netTotal: '150' }, { netTotal: 1.5 }, { netTotal: -3 }, { orderDate: '2020-13-01' }, { colour: 'red' }]) {
      const { status, body: problem } = await v.edge.call('POST', '/api/vouchers/orders', { body });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(problem.errors.length).toBeGreaterThan(0);
    }
    expect((await v.edge.call('POST', '/api/vouchers/orders', { body: '{"netTotal":' })).status).toBe(400);
    expect((await v.edge.expect(200, 'GET', '/api/vouchers/orders')).length).toBe(before);
    expect((await v.edge.call('GET', '/api/vouchers/orders/01NOPE')).status).toBe(404);
    expect((await v.edge.call('POST', '/api/vouchers/orders/01NOPE/deliver')).status).toBe(404);
  });
});

describe('vouchers for delivered orders', () => {
  it('gives a voucher for net 85 at 19 % and 87 at 16 %, none for 84 and 86', async () => {
    const cases = [
      { netTotal: 84, orderDate: '2021-03-01', expected: 0 },
      { netTotal: 85, orderDate: '2021-03-01', expected: 1 },
      { netTotal: 86, orderDate: '2020-07-01', expected: 0 },
      { netTotal: 87, orderDate: '2020-07-01', expected: 1 },
    ];
    const orders = await Promise.all(cases.map(async ({ netTotal, orderDate }) => {
      const order = await v.createOrder({ netTotal, orderDate });
      await v.deliver(order.id);
      return order;
    }));
    for (const [i, order] of orders.entries()) {
      await v.settled(order.id);
      const vouchers = await v.vouchersOf(order.id);
      expect(vouchers, `net ${cases[i]!.netTotal}`).toHaveLength(cases[i]!.expected);
      if (cases[i]!.expected === 1) {
        expect(vouchers[0]).toMatchObject({ type: 'ABSOLUTE', value: 5, redeemed: false, relatedOrderId: order.id, strategy: 'Order.Large-Delivered-Five-Euro' });
      }
    }
  });

  it('gives no voucher for a large order that is created but not delivered', async () => {
    const order = await v.createOrder({ netTotal: 1_000 });
    await v.settled(order.id);
    expect(await v.vouchersOf(order.id)).toEqual([]);
  });

  it('delivering twice changes nothing the second time and still gives one voucher', async () => {
    const order = await v.createOrder({ netTotal: 200 });
    const first = await v.deliver(order.id);
    const second = await v.deliver(order.id);
    expect(second).toEqual(first);
    await v.settled(order.id);
    expect((await v.publicationsOf(order.id)).map((p) => p.type)).toEqual(['OrderCreated', 'OrderUpdated']);
    expect(await v.vouchersOf(order.id)).toHaveLength(1);
  });

  it('gives one voucher however often the event arrives: the same message again, or a copy with a new id', async () => {
    const order = await v.createOrder({ netTotal: 300 });
    await v.deliver(order.id);
    await v.settled(order.id);
    const updated = (await v.publicationsOf(order.id)).find((p) => p.type === 'OrderUpdated')!.event;
    const copy = { ...updated, id: crypto.randomUUID() };
    await testInternals(v.edge.system).bus.publish('vouchers', updated);
    await testInternals(v.edge.system).bus.publish('vouchers', copy);
    await eventually(() => v.handledByVouchers(copy.id), 10_000, 'the copy handled');
    expect(await v.vouchersOf(order.id)).toHaveLength(1);
  });
});

describe('POST /orders/deliver-next', () => {
  it('delivers the earliest undelivered order', async () => {
    const later = await v.createOrder({ orderDate: '2019-01-02' });
    const earlier = await v.createOrder({ orderDate: '2019-01-01' });
    expect(await v.edge.expect(200, 'POST', '/api/vouchers/orders/deliver-next')).toMatchObject({ id: earlier.id, deliverySent: true });
    expect(await v.edge.expect(200, 'POST', '/api/vouchers/orders/deliver-next')).toMatchObject({ id: later.id, deliverySent: true });
  });

  it('answers 409 when nothing is undelivered, and publishes nothing', async () => {
    for (let i = 0; i < 100; i++) {
      if ((await v.edge.call('POST', '/api/vouchers/orders/deliver-next')).status === 409) break;
    }
    const before = await v.countPublications();
    const { status, body } = await v.edge.call('POST', '/api/vouchers/orders/deliver-next');
    expect(status).toBe(409);
    expect(body).toMatchObject({ status: 409, detail: 'No undelivered order found; create one first' });
    expect(await v.countPublications()).toBe(before);
  });
});

describe('GET /api/vouchers/stream', () => {
  it('streams an order\'s events and its voucher live to the session that made them, and narrows by orderId', async () => {
    // The tab is logged in (streams need it), so its requests, and their events, are admin's.
    const tab = { 'x-session-id': 'tab-v1', authorization: `Bearer ${await v.edge.login('admin')}` };
    const session = await v.edge.stream('vouchers', '?sessionId=tab-v1');
    const order = await v.createOrder({ netTotal: 85 }, tab);
    const byOrder = await v.edge.stream('vouchers', `?orderId=${order.id}`);
    await v.deliver(order.id, tab);
    const voucher = await session.waitForMessage((m) => m.type === 'VoucherCreated' && (m.data as any).voucher.relatedOrderId === order.id);
    expect(voucher.data).toMatchObject({ voucher: { type: 'ABSOLUTE', value: 5, relatedOrderId: order.id } });
    expect(session.messages.filter((m) => (m.data as any).order?.id === order.id).map((m) => m.type)).toEqual(['OrderCreated', 'OrderUpdated']);
    await byOrder.waitForMessage((m) => m.type === 'VoucherCreated');
    expect(byOrder.messages.every((m) => (m.data as any).order?.id === order.id || (m.data as any).voucher?.relatedOrderId === order.id)).toBe(true);
  });
});

describe('the flow of a delivery', () => {
  it('is recorded from the order event the orders service emitted to the voucher it caused', async () => {
    const order = await v.createOrder({ netTotal: 85 });
    await v.deliver(order.id);
    await v.settled(order.id);
    const updated = (await v.publicationsOf(order.id)).find((p) => p.type === 'OrderUpdated')!.event;
    const flow = await eventually(async () => {
      const rows = await v.edge.expect(200, 'GET', `/api/admin/flows/${updated.metadata.correlationId}`, { as: 'admin' });
      return rows.some((r: any) => r.type === 'VoucherCreated') && rows;
    }, 10_000, 'the VoucherCreated in the flow');
    const steps = flow.map((r: any) => `${r.actor} ${r.direction} ${r.type}`);
    expect(steps).toEqual(['vouchers.orders emitted OrderUpdated', 'vouchers.vouchers handled OrderUpdated', 'vouchers.vouchers emitted VoucherCreated']);
    expect(flow[2].causationId).toBe(updated.id);
  });
});
