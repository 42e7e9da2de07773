import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../support/wait.ts';
import { base, OrdersEdge } from './deadline-orders-edge.ts';

// TIME_SCALE 0.5: a 5 s deadline, ample for the happy path on a busy machine.
let orders: OrdersEdge;
beforeAll(async () => { orders = await OrdersEdge.start('do-orders', { timeScale: 0.5 }); });
afterAll(() => orders?.cleanup());

describe('deadline-orders: placing orders', () => {
  it('approves an order in time: OrderCreated → ExchangeSucceeded → PointsUsed → OrderPlaced, points debited once', async () => {
    await orders.setPoints('jjy', 10_000);
    const stream = await orders.edge.stream('deadline-orders', '?holderId=jjy');
    const orderId = await orders.place('jjy', 500);

    expect(await orders.order(orderId)).toMatchObject({ orderId, holderId: 'jjy', currencyId: 1, amount: 500 });
    const approved = await orders.waitForStatus(orderId, 'APPROVED');
    expect(approved.reason).toBeUndefined();
    expect(await orders.points('jjy')).toBe(9_500);
    expect(await orders.waitForEvents(orderId, ['OrderCreated', 'ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']))
      .toEqual(['OrderCreated', 'ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']);
    const events = await orders.events(orderId);
    expect(events.find((e) => e.type === 'PointsUsed')?.data).toMatchObject({ orderId, holderId: 'jjy', amount: 500, balance: 9_500 });
    expect(events.find((e) => e.type === 'OrderCreated')?.data).toMatchObject({ orderId, holderId: 'jjy', currencyId: 1, amount: 500, deadline: expect.any(String) });

    expect((await orders.exchanges()).filter((e) => e.orderId === orderId)).toMatchObject([{ orderId, status: 'RESERVED' }]);
    expect(await orders.transactions(orderId)).toMatchObject([{ kind: 'DEBIT', amount: 500, balance: 9_500 }]);
    // The alarm is settled with the order: nothing pending for it any more.
    await expect.poll(async () => (await orders.edge.expect(200, 'GET', `${base}/deadlines`)).map((d: { orderId: string }) => d.orderId)).not.toContain(orderId);

    const placed = await stream.waitForMessage((m) => m.type === 'OrderPlaced' && m.data.orderId === orderId);
    expect(placed.data).toMatchObject({ orderId, holderId: 'jjy' });
  });

  it('carries a deadline 10 s (scaled) after the order and lists the pending alarm', async () => {
    await orders.setPoints('slow', 100);
    await orders.pause('point'); // the order stays PENDING while we look
    try {
      const before = Date.now();
      const orderId = await orders.place('slow', 50);
      const created = await orders.edge.expect(200, 'GET', `${base}/orders/${orderId}`);
      const due = Date.parse(created.deadline) - before;
      expect(due).toBeGreaterThanOrEqual(5_000 - 50);
      expect(due).toBeLessThanOrEqual(5_000 + 2_000);
      await expect.poll(async () => (await orders.edge.expect(200, 'GET', `${base}/deadlines`)).map((d: { orderId: string }) => d.orderId)).toContain(orderId);
    } finally {
      await orders.resume('point');
    }
  });

  it('rejects an order beyond the balance for the point limit and compensates the exchange; the balance is unchanged', async () => {
    await orders.setPoints('poor', 9_500);
    const orderId = await orders.place('poor', 50_000);

    const rejected = await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_POINT_LIMIT');
    expect(rejected.reason).toBe('insufficient points');
    const timeline = await orders.waitForEvents(orderId, ['OrderCreated', 'ExchangeSucceeded', 'PointsUseFailed', 'OrderRejected', 'ExchangeCompensated']);
    // Compensation in order: the exchange compensates only after the order was rejected.
    expect(timeline.indexOf('OrderRejected')).toBeLessThan(timeline.indexOf('ExchangeCompensated'));
    expect(await orders.points('poor')).toBe(9_500);
    expect((await orders.exchanges()).map((e) => e.orderId)).not.toContain(orderId);
    expect(await orders.transactions(orderId)).toEqual([]);
    const failed = (await orders.events(orderId)).find((e) => e.type === 'PointsUseFailed');
    expect(failed?.data).toMatchObject({ orderId, reason: 'insufficient points' });
  });

  it('approves an order whose amount equals the balance, leaving zero points', async () => {
    await orders.setPoints('exact', 700);
    const orderId = await orders.place('exact', 700);
    await orders.waitForStatus(orderId, 'APPROVED');
    expect(await orders.points('exact')).toBe(0);
  });

  it('rejects an order of a holder without points for the point limit', async () => {
    const orderId = await orders.place('nobody', 1);
    expect((await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_POINT_LIMIT')).reason).toBe('insufficient points');
  });

  it('lists all orders newest first', async () => {
    await orders.setPoints('lister', 1_000);
    const first = await orders.place('lister', 1);
    const second = await orders.place('lister', 2);
    const all: Array<{ orderId: string }> = await orders.edge.expect(200, 'GET', `${base}/orders`);
    const ids = all.map((o) => o.orderId);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(ids.indexOf(second)).toBe(0);
  });

  it('streams only the events of the order named by the orderId filter, and of the holder named by holderId', async () => {
    await orders.setPoints('streamer', 1_000);
    await orders.pause('exchange'); // the first order waits until its stream is open
    const first = await orders.place('streamer', 10);
    const byOrder = await orders.edge.stream('deadline-orders', `?orderId=${first}`);
    await orders.resume('exchange');
    const byHolder = await orders.edge.stream('deadline-orders', '?holderId=streamer');
    const everything = await orders.edge.stream('deadline-orders');
    const second = await orders.place('streamer', 20);
    const other = await orders.place('someone-else', 20);
    for (const orderId of [first, second]) await orders.waitForStatus(orderId, 'APPROVED');
    await orders.waitForStatus(other, 'REJECTED_DUE_TO_POINT_LIMIT');
    // Everything the others should have seen has reached the unfiltered stream.
    await everything.waitForMessage((m) => m.type === 'OrderRejected' && m.data.orderId === other);
    await everything.waitForMessage((m) => m.type === 'OrderPlaced' && m.data.orderId === second);
    await byOrder.waitForMessage((m) => m.type === 'OrderPlaced' && m.data.orderId === first);
    // The POST answers once its transaction committed, and OrderCreated is published just
    // after (system.transaction does not wait for the broker's confirm): a stream opened right
    // after the answer may see it or not. What follows is held back by the paused exchange.
    const types = byOrder.messages.map((m) => m.type);
    expect(types[0] === 'OrderCreated' ? types.slice(1) : types).toEqual(['ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']);
    expect(byOrder.messages.every((m) => m.data.orderId === first)).toBe(true);
    expect(byHolder.messages.map((m) => m.data.orderId)).toContain(second);
    expect(byHolder.messages.every((m) => m.data.holderId === 'streamer')).toBe(true);
  });
});

describe('deadline-orders: after the deadline', () => {
  it('leaves an order approved in time approved once its deadline passes, and takes its alarm off the pending list', async () => {
    await orders.setPoints('quick', 1_000);
    const orderId = await orders.place('quick', 100);
    await orders.waitForStatus(orderId, 'APPROVED');
    const { deadline } = await orders.edge.expect(200, 'GET', `${base}/orders/${orderId}`);
    await sleep(Math.max(0, Date.parse(deadline) - Date.now()) + 500);
    expect((await orders.order(orderId)).status).toBe('APPROVED');
    expect(await orders.eventTypes(orderId)).toEqual(['OrderCreated', 'ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']);
    const pending: Array<{ orderId: string }> = await orders.edge.expect(200, 'GET', `${base}/deadlines`);
    expect(pending.map((d) => d.orderId)).not.toContain(orderId);
    expect(await orders.points('quick')).toBe(900);
  });
});

describe('deadline-orders: the REST contract', () => {
  it('refuses bad orders with 400 problems listing the fields, and stores nothing', async () => {
    const before = (await orders.edge.expect(200, 'GET', `${base}/orders`)).length;
    for (const body of [
      { holderId: 'jjy', currencyId: 1, amount: 0 },
      { holderId: 'jjy', currencyId: 1, amount: -5 },
      { holderId: 'jjy', currencyId: 1, amount: 1.5 },
      { holderId: 'jjy', currencyId: 1 },
      { holderId: '', currencyId: 1, amount: 5 },
      { holderId: 'jjy', currencyId: 'one', amount: 5 },
      { holderId: 'jjy', currencyId: 1, amount: 5, extra: true },
    ]) {
      const { status, body: problem, headers } = await orders.edge.call('POST', `${base}/orders`, { body });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(problem.errors.length).toBeGreaterThan(0);
    }
    expect((await orders.edge.call('POST', `${base}/orders`, { body: '{"holderId":' })).status).toBe(400);
    expect((await orders.edge.expect(200, 'GET', `${base}/orders`)).length).toBe(before);
  });

  it('answers 404 for an unknown order, its events, and an unknown holder\'s points', async () => {
    expect((await orders.edge.call('GET', `${base}/orders/no-such-order`)).status).toBe(404);
    expect((await orders.edge.call('GET', `${base}/orders/no-such-order/events`)).status).toBe(404);
    expect((await orders.edge.call('GET', `${base}/points/no-such-holder`)).status).toBe(404);
  });

  it('lets only an admin set points: 401 without a token, 403 for another role, 400 for a bad balance', async () => {
    expect((await orders.edge.call('PUT', `${base}/points/jjy`, { body: { point: 5 } })).status).toBe(401);
    expect((await orders.edge.call('PUT', `${base}/points/jjy`, { body: { point: -1 }, as: 'admin' })).status).toBe(400);
    expect((await orders.edge.call('PUT', `${base}/points/jjy`, { body: { point: 1.5 }, as: 'admin' })).status).toBe(400);
    const set = await orders.edge.expect(200, 'PUT', `${base}/points/fresh-user`, { body: { point: 42 }, as: 'admin' });
    expect(set).toEqual({ userId: 'fresh-user', point: 42 });
    expect(await orders.edge.expect(200, 'GET', `${base}/points/fresh-user`)).toEqual({ userId: 'fresh-user', point: 42 });
  });
});
