import { Hono } from 'hono';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { z } from 'zod';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { readTables } from '../read-tables.ts';
import { exchangeActor } from './exchange-actor.ts';
import { exchangeView, type ExchangeTables } from './exchange-tables.ts';

/** `?all=true` is the only value that means all; any other is ignored, as it always was. */
const exchangesQuery = z.object({ all: z.string().optional(), holderId: z.string().optional(), limit: limitParam() });

/** `GET /exchanges`: the live exchanges (RESERVED), newest first; `?all=true` adds the kept records; `?limit=` (at most 1000). */
export function exchangeRoutes(deps: LandscapeDeps): Hono {
  return new Hono().get('/exchanges', validQuery(exchangesQuery), async (c) => {
    const { all, holderId, limit } = c.req.valid('query');
    let query = readTables<ExchangeTables>(deps, exchangeActor).selectFrom('exchanges').selectAll()
      .orderBy('created_at', 'desc').orderBy('order_id').limit(limit);
    if (all !== 'true') query = query.where('status', '=', 'RESERVED');
    if (holderId !== undefined) query = query.where('holder_id', '=', holderId);
    return c.json((await query.execute()).map(exchangeView));
  });
}
