import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpUrl } from '../../support/environment.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { eventually } from '../../support/wait.ts';
import { VouchersEdge } from './vouchers-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

// The publish retries come after 0.3 s, 1.5 s, 7.5 s, … at this scale.
const timeScale = 0.001;
let proxy: TcpProxy;
let v: VouchersEdge;
beforeAll(async () => {
  proxy = await TcpProxy.toBroker(amqpUrl());
  v = await VouchersEdge.start('vouchers-outage', { timeScale, amqpUrl: proxy.url(amqpUrl()) });
});
afterAll(async () => {
  proxy?.restore();
  await v?.cleanup();
  await proxy?.close();
});

describe('orders created while the broker is unreachable', () => {
  it('are saved at once, and their events are published once the broker is back: no loss, no duplicate voucher', async () => {
    proxy.cut();
    await eventually(() => !testInternals(v.edge.system).broker.connected, 10_000, 'the system to notice the broker is gone');

    const orders: Array<{ id: string }> = [];
    for (let i = 0; i < 3; i++) {
      const order = await v.createOrder({ netTotal: 85 + i });
      orders.push(await v.deliver(order.id));
    }
    const saved = await v.edge.expect(200, 'GET', '/api/vouchers/orders');
    for (const order of orders) expect(saved).toContainEqual(order);

    // Each event has failed at least once and waits for its next scheduled retry.
    await eventually(async () => {
      for (const order of orders) {
        const events = await v.publicationsOf(order.id);
        if (events.length !== 2 || events.some((e) => e.status !== 'pending' || e.attempts < 1)) return false;
      }
      return true;
    }, 10_000, 'every event pending after a failed attempt');

    proxy.restore();
    await eventually(() => testInternals(v.edge.system).broker.connected, 30_000, 'the system to reconnect');
    const wait = (await v.untilNextAttempt(orders.map((o) => o.id))) + 20_000;
    for (const order of orders) {
      await eventually(async () => (await v.vouchersOf(order.id)).length === 1, wait, `the voucher of order ${order.id}`);
      await v.settled(order.id, wait);
      expect((await v.publicationsOf(order.id)).map((e) => e.status)).toEqual(['published', 'published']);
    }
    for (const order of orders) expect(await v.vouchersOf(order.id)).toHaveLength(1);
  }, 300_000);
});

describe('order events the broker refuses', () => {
  it('are retried on the schedule and published once the broker accepts them', async () => {
    // A full reject-publish queue bound to every order event makes the broker nack them.
    const refuser = `${v.edge.namespace}.vouchers.refuser`;
    await testInternals(v.edge.system).broker.withChannel(async (channel) => {
      await channel.assertQueue(refuser, { arguments: { 'x-max-length': 0, 'x-overflow': 'reject-publish' } });
      for (const type of ['OrderCreated', 'OrderUpdated']) await channel.bindQueue(refuser, v.edge.system.names.events('vouchers'), type);
    });
    const order = await v.createOrder({ netTotal: 85 });
    const [created] = await eventually(async () => {
      const events = await v.publicationsOf(order.id);
      return events.length === 1 && events[0]!.attempts >= 1 && events;
    }, 10_000, 'a refused attempt');
    expect(created!.status).toBe('pending');
    expect(created!.last_error).toMatch(/PublishRejectedError/);

    await testInternals(v.edge.system).broker.withChannel((channel) => channel.deleteQueue(refuser));
    const wait = (await v.untilNextAttempt([order.id])) + 20_000;
    await v.deliver(order.id);
    await eventually(async () => (await v.vouchersOf(order.id)).length === 1, wait, 'the voucher once the broker accepts');
    await v.settled(order.id, wait);
  }, 300_000);
});
