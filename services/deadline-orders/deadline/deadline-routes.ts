import { Hono } from 'hono';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitQuery } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { readTables } from '../read-tables.ts';
import { deadlineActor } from './deadline-actor.ts';
import type { DeadlineTables } from './deadline-tables.ts';

/** `GET /deadlines`: the pending alarms, soonest first; `?limit=` (at most 1000). */
export function deadlineRoutes(deps: LandscapeDeps): Hono {
  return new Hono().get('/deadlines', validQuery(limitQuery()), async (c) => {
    const rows = await readTables<DeadlineTables>(deps, deadlineActor).selectFrom('deadlines').selectAll()
      .where('status', '=', 'PENDING').orderBy('deadline').orderBy('order_id').limit(c.req.valid('query').limit).execute();
    return c.json(rows.map((row) => ({ orderId: row.order_id, holderId: row.holder_id, deadline: row.deadline && new Date(row.deadline).toISOString(), status: row.status })));
  });
}
