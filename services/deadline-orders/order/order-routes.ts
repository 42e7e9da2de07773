import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, scaled } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import type { OrderCreated } from '../messages.ts';
import { readTables } from '../read-tables.ts';
import { orderActor } from './order-actor.ts';
import { orderView, type OrderTables } from './order-tables.ts';

/** Spec: an order must be done within 10 s (a business duration, scaled by TIME_SCALE). */
export const orderDeadline = 10_000;

const placeOrder = z.strictObject({
  holderId: z.string().trim().min(1).max(100),
  currencyId: z.number().int().min(0).max(2_147_483_647),
  amount: z.number().int().positive().max(1_000_000_000),
});
const ordersQuery = z.object({ holderId: z.string().optional(), limit: limitParam() });

/** `POST /orders`, `GET /orders` (newest first, `?limit=`, at most 1000), `GET /orders/<orderId>`. */
export function orderRoutes(deps: LandscapeDeps): Hono {
  const tables = () => readTables<OrderTables>(deps, orderActor);
  return new Hono()
    // The order and its OrderCreated commit together (rule 1); the deadline travels in the event.
    .post('/orders', validJson(placeOrder), async (c) => {
      const body = c.req.valid('json');
      const orderId = await deps.system().transaction(orderActor, deps.flow(c), async (context) => {
        const { db } = context;
        const now = context.clock.now();
        const created: OrderCreated = {
          orderId: crypto.randomUUID(), holderId: body.holderId, currencyId: body.currencyId, amount: body.amount,
          deadline: new Date(now + scaled(context.clock, orderDeadline)).toISOString(),
        };
        await db.insertInto('orders').values({
          order_id: created.orderId, holder_id: created.holderId, currency_id: created.currencyId, amount: created.amount,
          status: 'PENDING', reason: null, deadline: new Date(created.deadline), created_at: new Date(now), settled_at: null,
        }).execute();
        context.publish('OrderCreated', created);
        return created.orderId;
      });
      return c.json({ orderId }, 202);
    })
    .get('/orders', validQuery(ordersQuery), async (c) => {
      const { holderId, limit } = c.req.valid('query');
      let query = tables().selectFrom('orders').selectAll().orderBy('created_at', 'desc').orderBy('order_id', 'desc').limit(limit);
      if (holderId !== undefined) query = query.where('holder_id', '=', holderId);
      return c.json((await query.execute()).map(orderView));
    })
    .get('/orders/:orderId', async (c) => {
      const orderId = c.req.param('orderId');
      const row = await tables().selectFrom('orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
      if (!row) throw new NotFoundError(`no order ${orderId}`);
      return c.json(orderView(row));
    });
}
