import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { NotFoundError, scaled } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitQuery } from '../../../gateway/list-limit.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import type { RestaurantConfig } from '../config.ts';
import { menuItems } from '../document/order-document.ts';
import { orderLifetime, placeOrder, type OrderRequest } from './place-order.ts';
import { findOrder, insertOrder, recentOrders } from './order-store.ts';
import { orderMessagesOf, orderView } from './order-view.ts';
import { randomOrder } from './random-order.ts';
import { waiterActor } from './waiter-actor.ts';

const orderBody = z.strictObject({
  tableNumber: z.number().int().min(1).max(19),
  items: z.array(z.strictObject({ item: z.enum(menuItems), quantity: z.number().int().min(1).max(100) })).min(1).max(20),
  dodgy: z.boolean().optional(),
});


/** Orders: placing them (the waiter's REST way in, rule 1) and reading how far they got. */
export function waiterRoutes(deps: LandscapeDeps, config: RestaurantConfig) {
  // The order row and OrderPlaced commit together; the process manager starts from the event.
  const place = async (c: Context, request: OrderRequest) => {
    const system = deps.system();
    const placed = await system.transaction(waiterActor, deps.flow(c), async (context) => {
      const document = placeOrder(request, crypto.randomUUID(), context.clock.now(), scaled(context.clock, orderLifetime));
      const event = context.publish('OrderPlaced', document);
      await insertOrder(context.db, document, event.metadata.correlationId);
      return event;
    });
    return c.json({ orderId: placed.data.orderId, correlationId: placed.metadata.correlationId }, 202);
  };

  const orderOf = async (c: Context) => {
    const order = await findOrder(deps.system().readDb(waiterActor), c.req.param('orderId')!);
    if (!order) throw new NotFoundError(`no order ${c.req.param('orderId')}`);
    return order;
  };

  return new Hono()
    .post('/orders', validJson(orderBody), (c) => place(c, c.req.valid('json')))
    .post('/orders/random', (c) => place(c, randomOrder(config.random)))
    .get('/orders', validQuery(limitQuery({ fallback: 50, max: 500 })), async (c) => {
      const { limit } = c.req.valid('query');
      const system = deps.system();
      const orders = await recentOrders(system.readDb(waiterActor), limit);
      return c.json(await Promise.all(orders.map((order) => orderView(system, order))));
    })
    .get('/orders/:orderId', async (c) => c.json(await orderView(deps.system(), await orderOf(c))))
    .get('/orders/:orderId/messages', async (c) => c.json(await orderMessagesOf(deps.system(), (await orderOf(c)).correlationId)));
}
