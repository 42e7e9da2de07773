import { Hono } from 'hono';
import { ValidationError, deadLetterStatuses, type DeadLetterFilter, type DeadLetterStatus } from '../../actors/mod.ts';
import type { LandscapeDeps } from '../landscape.ts';
import { deadLettersOf, type AdminEnv } from './admin-env.ts';

/**
 * The dead-letter office over REST: `GET /dead-letters?queue=&type=&status=&limit=` (parked
 * ones by default, newest first), `GET /dead-letters/<id>` (with stack and AMQP properties),
 * `POST /dead-letters/<id>/retry` and `DELETE /dead-letters/<id>`, both recorded with the
 * admin's username. Retrying or discarding one that is no longer parked is a 409.
 */
export function deadLetterRoutes(deps: LandscapeDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>()
    .get('/dead-letters', async (c) => {
      const filter = readFilter(c.req.query());
      return c.json(await deadLettersOf(deps.system()).list(filter));
    })
    .get('/dead-letters/:id', async (c) => c.json(await deadLettersOf(deps.system()).get(c.req.param('id'))))
    .post('/dead-letters/:id/retry', async (c) => {
      const office = deadLettersOf(deps.system());
      return c.json(await office.retry(c.req.param('id'), c.get('user').username));
    })
    .delete('/dead-letters/:id', async (c) => {
      const office = deadLettersOf(deps.system());
      return c.json(await office.discard(c.req.param('id'), c.get('user').username));
    });
}

const maxLimit = 1_000;

function readFilter(query: Record<string, string>): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  const issues = [];
  for (const key of Object.keys(query)) {
    if (!['queue', 'type', 'status', 'limit'].includes(key)) issues.push({ path: `query.${key}`, message: 'unknown parameter' });
  }
  if (query.queue) filter.queue = query.queue;
  if (query.type) filter.type = query.type;
  if (query.status !== undefined) {
    if (deadLetterStatuses.includes(query.status as DeadLetterStatus)) filter.status = query.status as DeadLetterStatus;
    else issues.push({ path: 'query.status', message: `one of ${deadLetterStatuses.join(', ')}` });
  }
  if (query.limit !== undefined) {
    const limit = Number(query.limit);
    if (Number.isInteger(limit) && limit >= 1 && limit <= maxLimit) filter.limit = limit;
    else issues.push({ path: 'query.limit', message: `an integer from 1 to ${maxLimit}` });
  }
  if (issues.length > 0) throw new ValidationError('a query parameter is not valid', issues);
  return filter;
}
