import type { VouchersContext } from '../landscape.ts';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ConflictError, NotFoundError, createEvent, recordFlow, type ActorSystem, type RequestFlow } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { listLimit } from '../../../gateway/list-limit.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { ulid } from '../ulid.ts';
import { dateOf, deliver, newOrder, orderEventData, type Order } from './order.ts';
import { earliestUndelivered, findOrder, findOrderForUpdate, insertOrder, listOrders, saveDelivery, type OrdersTables } from './order-store.ts';
import { ordersActor } from './orders-actor.ts';
import type { OrderEventPublisher } from './publishing/order-event-publisher.ts';
import { queuePublication } from './publishing/publication-store.ts';

const createOrderBody = z.strictObject({
  netTotal: z.number().int().min(1).max(100_000_000).optional(),
  orderDate: z.iso.date().optional(),
});

/** One write of the orders service: its tables, the transaction's context, the system, the request's flow. */
interface Tx {
  db: Kysely<OrdersTables>;
  context: VouchersContext<OrdersTables>;
  system: ActorSystem;
  flow: RequestFlow;
}

export const noUndeliveredOrder = 'No undelivered order found; create one first';

/**
 * Orders (spec, Orders): each write saves the order and its event in one transaction of
 * the orders service; the publisher sends the event after commit (and on its retry
 * schedule while the broker is away), so the answer never waits for the broker.
 */
export function orderRoutes(deps: LandscapeDeps, publisher: OrderEventPublisher) {
  const write = async <T>(c: Context, work: (tx: Tx) => Promise<T>): Promise<T> => {
    const system = deps.system();
    const flow = deps.flow(c);
    const result = await system.transaction(ordersActor, flow, (context) => work({ db: context.db, context, system, flow }));
    publisher.kick();
    return result;
  };

  /**
   * Stores the event of `order`'s change with the order, in the request's flow, and records
   * it in the flow log as the outbox would (so the operations flow graph shows it).
   */
  const queueEvent = async ({ db, context, system, flow }: Tx, type: 'OrderCreated' | 'OrderUpdated', order: Order) => {
    const event = createEvent(type, orderEventData(order), {
      source: `${ordersActor.landscape}.${ordersActor.service}`, clock: system.clock,
      ...flow.correlationId ? { correlationId: flow.correlationId } : {},
      ...flow.sessionId ? { sessionId: flow.sessionId } : {},
      ...flow.requestId ? { requestId: flow.requestId } : {},
      ...flow.metadata ? { metadata: flow.metadata } : {},
    });
    await queuePublication(db, order.id, event, system.clock.now());
    await recordFlow(context.runtimeDb, context.actor, [], [event]);
  };

  const markDelivered = async (tx: Tx, order: Order): Promise<Order> => {
    const delivered = deliver(order, tx.system.clock.now());
    if (!delivered) return order; // delivered before: nothing changes, nothing is emitted
    await saveDelivery(tx.db, delivered);
    await queueEvent(tx, 'OrderUpdated', delivered);
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
        await queueEvent(tx, 'OrderCreated', created);
        return created;
      });
      return c.json(order, 201);
    })
    .get('/orders', async (c) => c.json(await readOrders(deps.system(), (db) => listOrders(db, listLimit(c)))))
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
