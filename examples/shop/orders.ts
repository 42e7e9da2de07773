import { Hono } from 'hono';
import { z } from 'zod';
import type { ActorSystem } from 'milk-factory/actors';
import { shop } from './landscape.ts';

export interface OrdersTables {
  orders: { id: string; item: string; quantity: number; status: string };
}

/** The orders service: its REST routes write its table; its handlers keep the status. */
export const ordersActor = shop.defineActor<OrdersTables>({
  service: 'orders',
  events: {
    OrderConfirmed: async (message, context) => {
      await context.db.updateTable('orders').set({ status: 'CONFIRMED' }).where('id', '=', message.data.orderId).execute();
    },
    OrderRejected: async (message, context) => {
      await context.db.updateTable('orders').set({ status: 'REJECTED' }).where('id', '=', message.data.orderId).execute();
    },
  },
});

const orderRequest = z.object({ item: z.string().min(1), quantity: z.number().int().positive() });

/** `POST /orders` (the order row and OrderPlaced commit together), `GET /orders/:id`. */
export function orderRoutes(system: ActorSystem): Hono {
  return new Hono()
    .post('/orders', async (c) => {
      const request = orderRequest.safeParse(await c.req.json().catch(() => undefined));
      if (!request.success) return c.json({ title: 'invalid order', detail: request.error.message }, 400);
      const orderId = crypto.randomUUID();
      await system.transaction(ordersActor, {}, async (context) => {
        await context.db.insertInto('orders').values({ id: orderId, ...request.data, status: 'PLACED' }).execute();
        context.publish('OrderPlaced', { orderId, ...request.data });
      });
      return c.json({ orderId }, 202);
    })
    .get('/orders/:id', async (c) => {
      const order = await system.readDb(ordersActor).selectFrom('orders').selectAll().where('id', '=', c.req.param('id')).executeTakeFirst();
      return order ? c.json(order) : c.json({ title: 'no such order' }, 404);
    });
}
