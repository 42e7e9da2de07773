import { Hono } from 'hono';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { listLimit } from '../../../gateway/list-limit.ts';
import { readTables } from '../read-tables.ts';
import { exchangeActor } from './exchange-actor.ts';
import { exchangeView, type ExchangeTables } from './exchange-tables.ts';

/** `GET /exchanges`: the live exchanges (RESERVED), newest first; `?all=true` adds the kept records; `?limit=` (at most 1000). */
export function exchangeRoutes(deps: LandscapeDeps): Hono {
  return new Hono().get('/exchanges', async (c) => {
    let query = readTables<ExchangeTables>(deps, exchangeActor).selectFrom('exchanges').selectAll()
      .orderBy('created_at', 'desc').orderBy('order_id').limit(listLimit(c));
    if (c.req.query('all') !== 'true') query = query.where('status', '=', 'RESERVED');
    const holderId = c.req.query('holderId');
    if (holderId !== undefined) query = query.where('holder_id', '=', holderId);
    return c.json((await query.execute()).map(exchangeView));
  });
}
