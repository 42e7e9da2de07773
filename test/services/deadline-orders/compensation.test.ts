import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../actors/mod.ts';
import type { SseClient } from '../../support/sse-client.ts';
import { sleep } from '../../support/wait.ts';
import { OrdersEdge } from './deadline-orders-edge.ts';

// TIME_SCALE 1: a 10 s deadline, time for the steps these tests hold back by hand even on a busy machine.
let orders: OrdersEdge;
let stream: SseClient;
beforeAll(async () => {
  orders = await OrdersEdge.start('do-compensation', { timeScale: 1 });
  stream = await orders.edge.stream('deadline-orders');
});
afterAll(() => orders?.cleanup());

/** The envelope the stream carried for an order's event (to redeliver it as it was). */
function sent(type: string, orderId: string): Promise<Envelope> {
  return stream.waitForMessage((m) => m.type === type && m.data.orderId === orderId, `${type} of ${orderId}`);
}

/** Publishes a copy of an event under a fresh id and waits until `services` handled it. */
async function duplicate(event: Envelope, services: readonly string[]): Promise<void> {
  const copy = orders.duplicate(event);
  await orders.publish(copy);
  await orders.waitHandled({ id: copy.id, correlationId: copy.metadata.correlationId }, services);
}

/** What the services did for an order, to compare before and after duplicates. */
async function stateOf(orderId: string, holderId: string) {
  // The copies the tests publish are in the timeline too; what the services emitted is not theirs.
  const derived = (await orders.events(orderId)).filter((e) => e.source !== 'test-duplicator');
  return {
    order: (await orders.order(orderId)).status,
    exchange: (await orders.exchangeOf(orderId))?.status,
    points: await orders.points(holderId),
    transactions: (await orders.transactions(orderId)).map((t) => `${t.kind} ${t.amount}`),
    events: derived.length,
  };
}

let refundedOrder: string;
let approvedOrder: string;

describe('deadline-orders: compensation', () => {
  it('never approves an order for a PointsUsed that comes after its rejection, and refunds it once the exchange compensated', async () => {
    await orders.setPoints('late', 1_000);
    await orders.pause('point');
    refundedOrder = await orders.place('late', 400);
    await sent('ExchangeSucceeded', refundedOrder); // waits in the point mailbox
    await orders.pause('exchange');
    // The deadline service's alarm, as if it rang now: the order is rejected while the points are not used yet.
    const created = await sent('OrderCreated', refundedOrder);
    await orders.publish(orders.duplicate({ type: 'DeadlineReached', data: { orderId: refundedOrder, deadline: created.data.deadline, holderId: 'late' } }));
    await orders.waitForStatus(refundedOrder, 'REJECTED_DUE_TO_DEADLINE');

    await orders.resume('point'); // in time, so the points are used ...
    await sent('PointsUsed', refundedOrder);
    expect(await orders.points('late')).toBe(600);
    await sleep(300);
    expect((await orders.order(refundedOrder)).status).toBe('REJECTED_DUE_TO_DEADLINE'); // ... and the order stays rejected
    expect(await orders.exchangeOf(refundedOrder)).toMatchObject({ status: 'RESERVED' });

    await orders.resume('exchange'); // compensation in order: exchange first, then points
    const refunded = await sent('PointsRefunded', refundedOrder);
    expect(refunded.data).toMatchObject({ orderId: refundedOrder, amount: 400, balance: 1_000 });
    const compensated = await sent('ExchangeCompensated', refundedOrder);
    expect(refunded.metadata.causationId).toBe(compensated.id);
    expect(await orders.points('late')).toBe(1_000);
    expect(await orders.exchangeOf(refundedOrder)).toMatchObject({ status: 'COMPENSATED' });
    expect(await orders.transactions(refundedOrder)).toMatchObject([{ kind: 'DEBIT', amount: 400, balance: 600 }, { kind: 'REFUND', amount: 400, balance: 1_000 }]);
    const timeline = await orders.waitForEvents(refundedOrder, ['OrderCreated', 'ExchangeSucceeded', 'DeadlineReached', 'OrderRejected', 'PointsUsed', 'ExchangeCompensated', 'PointsRefunded']);
    expect(timeline.indexOf('ExchangeCompensated')).toBeLessThan(timeline.indexOf('PointsRefunded'));
    expect(timeline).not.toContain('OrderPlaced');
  });

  it('leaves an approved order approved and consistent when a DeadlineReached arrives after the approval', async () => {
    await orders.setPoints('early', 1_000);
    approvedOrder = await orders.place('early', 250);
    await orders.waitForStatus(approvedOrder, 'APPROVED');
    await orders.waitForEvents(approvedOrder, ['OrderCreated', 'ExchangeSucceeded', 'PointsUsed', 'OrderPlaced']);
    const created = await sent('OrderCreated', approvedOrder);
    await duplicate({ ...created, type: 'DeadlineReached', data: { orderId: approvedOrder, deadline: created.data.deadline, holderId: 'early' } }, ['order']);

    expect(await stateOf(approvedOrder, 'early')).toEqual({ order: 'APPROVED', exchange: 'RESERVED', points: 750, transactions: ['DEBIT 250'], events: 4 });
    expect(await orders.eventTypes(approvedOrder)).not.toContain('OrderRejected');
  });
});

describe('deadline-orders: idempotent handlers', () => {
  it('changes nothing for duplicate OrderRejected, ExchangeSucceeded, ExchangeCompensated and DeadlineReached of a compensated order', async () => {
    const before = await stateOf(refundedOrder, 'late');
    expect(before).toMatchObject({ order: 'REJECTED_DUE_TO_DEADLINE', exchange: 'COMPENSATED', points: 1_000, transactions: ['DEBIT 400', 'REFUND 400'] });
    const events = ['OrderRejected', 'ExchangeSucceeded', 'ExchangeCompensated', 'DeadlineReached'];
    const originals = await Promise.all(events.map((type) => sent(type, refundedOrder)));

    // Copies under fresh ids: only the services' own records can recognise them.
    await duplicate(originals[0]!, ['exchange', 'deadline']);
    await duplicate(originals[1]!, ['point']);
    await duplicate(originals[2]!, ['point']);
    await duplicate(originals[3]!, ['order']);
    // Redeliveries of the very messages: the inbox recognises them.
    for (const original of originals) await orders.publish(original);
    await sleep(500);

    expect(await stateOf(refundedOrder, 'late')).toEqual(before);
  });

  it('changes nothing for a duplicate ExchangeSucceeded, PointsUsed or OrderCreated of an approved order: one exchange, one debit', async () => {
    const before = await stateOf(approvedOrder, 'early');
    await duplicate(await sent('ExchangeSucceeded', approvedOrder), ['point']);
    await duplicate(await sent('PointsUsed', approvedOrder), ['order']);
    await duplicate(await sent('OrderCreated', approvedOrder), ['exchange', 'deadline']);
    expect(await stateOf(approvedOrder, 'early')).toEqual(before);
    expect(before).toMatchObject({ order: 'APPROVED', exchange: 'RESERVED', points: 750, transactions: ['DEBIT 250'] });
  });

  it('refunds nothing for a duplicate ExchangeCompensated of an order rejected for the point limit', async () => {
    await orders.setPoints('limit', 100);
    const orderId = await orders.place('limit', 5_000);
    await orders.waitForStatus(orderId, 'REJECTED_DUE_TO_POINT_LIMIT');
    const compensated = await sent('ExchangeCompensated', orderId);
    await orders.waitHandled({ id: compensated.id, correlationId: compensated.metadata.correlationId }, ['point', 'monitor']);
    const before = await stateOf(orderId, 'limit');
    await duplicate(compensated, ['point']);
    await duplicate(await sent('OrderRejected', orderId), ['exchange']);
    expect(await stateOf(orderId, 'limit')).toEqual(before);
    expect(before).toMatchObject({ points: 100, transactions: [], exchange: 'COMPENSATED' });
  });
});
