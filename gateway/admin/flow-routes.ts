import { Hono } from 'hono';
import { NotFoundError } from '../../actors/mod.ts';
import type { LandscapeDeps } from '../landscape.ts';
import { limitQuery } from '../list-limit.ts';
import { validQuery } from '../valid-query.ts';
import { operationsWithDatabase, type AdminEnv } from './admin-env.ts';

/**
 * `GET /flows/<correlationId>`: every message of one flow in the order recorded, as handled
 * or emitted by which actor, with the ids to draw the graph (id → causationId). A message
 * handled by two actors and emitted by one appears once per record. The first `?limit=`
 * (at most 1000): a flow kept going by a timer (a heartbeat) grows without end.
 */
export function flowRoutes(deps: LandscapeDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>().get('/flows/:correlationId', validQuery(limitQuery()), async (c) => {
    const correlationId = c.req.param('correlationId');
    const { limit } = c.req.valid('query');
    const rows = await operationsWithDatabase(deps.system()).flowOf(correlationId);
    if (rows.length === 0) throw new NotFoundError(`no messages recorded for correlation id ${correlationId}`);
    return c.json(rows.slice(0, limit).map((row) => ({
      id: row.message_id,
      type: row.type,
      kind: row.kind,
      causationId: row.causation_id,
      source: row.source,
      occurredAt: row.occurred_at,
      actor: row.actor,
      direction: row.direction,
    })));
  });
}
