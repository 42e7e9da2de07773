import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRetrySchedule } from '../../../services/vouchers/orders/publish-retry-schedule.ts';
import { amqpUrl } from '../../support/environment.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { eventually } from '../../support/wait.ts';
import { VouchersEdge } from './vouchers-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

// The whole schedule (5 + 25 + 125 + 625 + 3125 min) takes ≈ 4.7 s at this scale.
const timeScale = 0.00002;
let proxy: TcpProxy;
let v: VouchersEdge;
beforeAll(async () => {
  proxy = await TcpProxy.toBroker(amqpUrl());
  v = await VouchersEdge.start('vouchers-parking', { timeScale, amqpUrl: proxy.url(amqpUrl()) });
});
afterAll(async () => {
  proxy?.restore();
  await v?.cleanup();
  await proxy?.close();
});

describe('an order event the broker never accepts', () => {
  it('is parked after 5 retries, listed for operations, and published by a manual retry once the broker is back', async () => {
    proxy.cut();
    await eventually(() => !testInternals(v.edge.system).broker.connected, 10_000, 'the system to notice the broker is gone');
    const order = await v.createOrder({ netTotal: 85 });
    await v.deliver(order.id);

    const scheduleMs = publishRetrySchedule.reduce((a, b) => a + b, 0) * timeScale;
    await eventually(async () => (await v.publicationsOf(order.id)).every((e) => e.status === 'parked'), scheduleMs + 10_000, 'both events parked');
    for (const event of await v.publicationsOf(order.id)) expect(event.attempts).toBe(6); // the first attempt and 5 retries

    expect((await v.edge.call('GET', '/api/vouchers/publications?status=parked')).status).toBe(401);
    const parked = await v.edge.expect(200, 'GET', '/api/vouchers/publications?status=parked', { as: 'admin' });
    const updated = parked.find((p: any) => p.orderId === order.id && p.type === 'OrderUpdated');
    expect(updated).toMatchObject({ status: 'parked', attempts: 6, lastError: 'broker unreachable', message: { type: 'OrderUpdated', data: { order: { id: order.id, deliverySent: true } } } });

    proxy.restore();
    await eventually(() => testInternals(v.edge.system).broker.connected, 20_000, 'the system to reconnect');
    // Parked means parked: nothing is published until a person says so.
    expect((await v.publicationsOf(order.id)).map((e) => e.status)).toEqual(['parked', 'parked']);

    expect(await v.edge.expect(200, 'POST', `/api/vouchers/publications/${updated.id}/retry`, { as: 'admin' })).toMatchObject({ status: 'pending', attempts: 0 });
    await eventually(async () => (await v.vouchersOf(order.id)).length === 1, 10_000, 'the voucher after the manual retry');
    // The voucher can exist before the publisher has stored the broker's confirm: wait for the mark.
    const statuses = async () => (await v.publicationsOf(order.id)).map((e) => e.status).join(',');
    await eventually(async () => (await statuses()) === 'parked,published', 5_000, 'the retried publication marked published');
    expect((await v.edge.call('POST', `/api/vouchers/publications/${updated.id}/retry`, { as: 'admin' })).status).toBe(409);
    expect((await v.edge.call('POST', '/api/vouchers/publications/nope/retry', { as: 'admin' })).status).toBe(404);
  });
});
