import type { VouchersContext } from '../landscape.ts';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ConflictError, NotFoundError, type ActorSystem } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitQuery } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { ulid } from '../ulid.ts';
import { dateOf, deliver, newOrder, orderEventData, type Order } from './order.ts';
import { earliestUndelivered, findOrder, findOrderForUpdate, insertOrder, listOrders, saveDelivery, type OrdersTables } from './order-store.ts';
import { ordersActor } from './orders-actor.ts';

const createOrderBody = z.strictObject({
  netTotal: z.number().int().min(1).max(100_000_000).optional(),
  orderDate: z.iso.date().optional(),
});

/** One write of the orders service: its tables, the transaction's context, the system. */
interface Tx {
  db: Kysely<OrdersTables>;
  context: VouchersContext<OrdersTables>;
  system: ActorSystem;
}

export const noUndeliveredOrder = 'No undelivered order found; create one first';

/**
 * Orders (spec, Orders): each write saves the order and its event in one transaction of
 * the orders service; the publisher sends the event after commit (and on its retry
 * schedule while the broker is away), so the answer never waits for the broker.
 */
export function orderRoutes(deps: LandscapeDeps) {
  const write = async <T>(c: Context, work: (tx: Tx) => Promise<T>): Promise<T> => {
    const system = deps.system();
    return system.transaction(ordersActor, deps.flow(c), (context) => work({ db: context.db, context, system }));
  };

  /**
   * `order`'s change as an event in the request's flow, into the outbox with the order (the
   * runtime publishes it after commit on the actor's `publishRetry` schedule).
   */
  const queueEvent = ({ context }: Tx, type: 'OrderCreated' | 'OrderUpdated', order: Order) => {
    context.publish(type, orderEventData(order));
  };

  const markDelivered = async (tx: Tx, order: Order): Promise<Order> => {
    const delivered = deliver(order, tx.system.clock.now());
    if (!delivered) return order; // delivered before: nothing changes, nothing is emitted
    await saveDelivery(tx.db, delivered);
    queueEvent(tx, 'OrderUpdated', delivered);
    return delivered;
  };

  return new Hono()
    // Every field is optional, so an empty body (no content type) is an empty order request.
    .post('/orders', emptyBodyAs({}), validJson(createOrderBody), async (c) => {
      const body = c.req.valid('json');
      const order = await write(c, async (tx) => {
        const now = tx.system.clock.now();
        const created = newOrder({ id: ulid(now), netTotal: body.netTotal, orderDate: body.orderDate ?? dateOf(now), now });
        await insertOrder(tx.db, created);
        queueEvent(tx, 'OrderCreated', created);
        return created;
      });
      return c.json(order, 201);
    })
    .get('/orders', validQuery(limitQuery()), async (c) => c.json(await readOrders(deps.system(), (db) => listOrders(db, c.req.valid('query').limit))))
    .post('/orders/deliver-next', async (c) => {
      const order = await write(c, async (tx) => {
        const next = await earliestUndelivered(tx.db);
        if (!next) throw new ConflictError(noUndeliveredOrder);
        return markDelivered(tx, next);
      });
      return c.json(order, 200);
    })
    .get('/orders/:id', async (c) => {
      const order = await readOrders(deps.system(), (db) => findOrder(db, c.req.param('id')));
      if (!order) throw new NotFoundError(`no order ${c.req.param('id')}`);
      return c.json(order);
    })
    .post('/orders/:id/deliver', async (c) => {
      const order = await write(c, async (tx) => {
        const found = await findOrderForUpdate(tx.db, c.req.param('id'));
        if (!found) throw new NotFoundError(`no order ${c.req.param('id')}`);
        return markDelivered(tx, found);
      });
      return c.json(order, 200);
    });
}

/** A request without a body is read as `json` (`validJson` then checks it like any other). */
function emptyBodyAs(json: unknown): MiddlewareHandler {
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (!c.req.header('content-type') && (length === undefined || length === '0') && !c.req.header('transfer-encoding')) {
      const headers = new Headers(c.req.raw.headers);
      headers.set('content-type', 'application/json');
      c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers, body: JSON.stringify(json) });
      c.req.bodyCache = {};
    }
    await next();
  };
}

/** Reads the orders service's tables outside any write. */
export function readOrders<T>(system: ActorSystem, read: (db: Kysely<OrdersTables>) => Promise<T>): Promise<T> {
  return read(system.readDb<OrdersTables>(ordersActor));
}
