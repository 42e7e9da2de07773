import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from 'milk-factory/actors';
import { startShop } from '../../examples/shop/app.ts';
import { dropSchemas } from '../support/actor-system.ts';
import { amqpUrl, databaseUrl, managementUrl } from '../support/environment.ts';
import { createTestNamespace, deleteNamespace } from '../support/namespace.ts';
import { eventually } from '../support/wait.ts';

// The quick start's app (examples/shop), as a team would run it: its actors, orchestrator
// and REST routes on the real RabbitMQ and Postgres, importing the runtime by its package name.
describe('the example shop', () => {
  const namespace = createTestNamespace('example-shop');
  let shop: Awaited<ReturnType<typeof startShop>> | undefined;

  afterAll(async () => {
    await shop?.system.stop();
    await deleteNamespace(namespace);
    await dropSchemas(namespace);
  });

  it('confirms an order in stock and rejects one that is not, through its orchestrator', async () => {
    shop = await startShop({ amqpUrl: amqpUrl(), databaseUrl: databaseUrl(), managementUrl: managementUrl(), namespace, logger: createLogger({ level: 'silent' }) });
    const place = async (item: string) => {
      const response = await shop!.app.request('/orders', { method: 'POST', body: JSON.stringify({ item, quantity: 2 }), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(202);
      return ((await response.json()) as { orderId: string }).orderId;
    };
    const statusOf = async (orderId: string) => ((await (await shop!.app.request(`/orders/${orderId}`)).json()) as { status: string }).status;

    const milk = await place('milk');
    const cheese = await place('cheese');
    await eventually(async () => (await statusOf(milk)) === 'CONFIRMED' && (await statusOf(cheese)) === 'REJECTED', 30_000, 'both orders settled');
    const stock = await shop.system.readDb(await import('../../examples/shop/stock-actor.ts').then((m) => m.stockActor))
      .selectFrom('stock').selectAll().orderBy('item').execute();
    expect(stock).toEqual([{ item: 'cheese', available: 0 }, { item: 'milk', available: 8 }]);
  });

  it('answers a malformed order with 400', async () => {
    const response = await shop!.app.request('/orders', { method: 'POST', body: '{"item":""}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
  });
});
