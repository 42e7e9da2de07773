import { Hono } from 'hono';
import { NotFoundError } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitQuery } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { orderActor } from '../order/order-actor.ts';
import type { OrderTables } from '../order/order-tables.ts';
import { readTables } from '../read-tables.ts';
import { monitorActor } from './monitor-actor.ts';
import { timelineEntry, type MonitorTables } from './monitor-tables.ts';

/** `GET /orders/<orderId>/events`: the order's events in order (when they occurred, then as they arrived). */
export function monitorRoutes(deps: LandscapeDeps): Hono {
  return new Hono().get('/orders/:orderId/events', validQuery(limitQuery()), async (c) => {
    const orderId = c.req.param('orderId');
    const rows = await readTables<MonitorTables>(deps, monitorActor).selectFrom('order_events').selectAll()
      .where('order_id', '=', orderId).orderBy('occurred_at').orderBy('seq').limit(c.req.valid('query').limit).execute();
    if (rows.length === 0) {
      // An order just placed may have no recorded event yet: 200 [], not 404.
      const order = await readTables<OrderTables>(deps, orderActor).selectFrom('orders').select('order_id')
        .where('order_id', '=', orderId).executeTakeFirst();
      if (!order) throw new NotFoundError(`no order ${orderId}`);
    }
    return c.json(rows.map(timelineEntry));
  });
}
