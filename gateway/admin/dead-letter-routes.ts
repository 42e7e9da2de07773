import { Hono } from 'hono';
import { z } from 'zod';
import { deadLetterStatuses, type DeadLetterFilter, type DeadLetterStatus } from '../../actors/mod.ts';
import type { LandscapeDeps } from '../landscape.ts';
import { validQuery } from '../valid-query.ts';
import { deadLettersOf, type AdminEnv } from './admin-env.ts';

/**
 * The dead-letter office over REST: `GET /dead-letters?queue=&type=&status=&limit=` (parked
 * ones by default, newest first), `GET /dead-letters/<id>` (with stack and AMQP properties),
 * `POST /dead-letters/<id>/retry` and `DELETE /dead-letters/<id>`, both recorded with the
 * admin's username. Retrying or discarding one that is no longer parked is a 409.
 */
export function deadLetterRoutes(deps: LandscapeDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>()
    .get('/dead-letters', validQuery(deadLettersQuery), async (c) => {
      return c.json(await deadLettersOf(deps.system()).list(filterOf(c.req.valid('query'))));
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
const limitMessage = `an integer from 1 to ${maxLimit}`;

/** Strict (a misspelt filter is a 400, not every dead letter); an empty `queue` or `type` filters nothing; `limit` read as `Number()` reads it. */
const deadLettersQuery = z.strictObject({
  queue: z.string().optional(),
  type: z.string().optional(),
  status: z.enum(deadLetterStatuses as [DeadLetterStatus, ...DeadLetterStatus[]], { error: `one of ${deadLetterStatuses.join(', ')}` }).optional(),
  limit: z.coerce.number({ error: limitMessage }).int({ error: limitMessage, abort: true }).min(1, limitMessage).max(maxLimit, limitMessage).optional(),
});

function filterOf(query: z.output<typeof deadLettersQuery>): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  if (query.queue) filter.queue = query.queue;
  if (query.type) filter.type = query.type;
  if (query.status !== undefined) filter.status = query.status;
  if (query.limit !== undefined) filter.limit = query.limit;
  return filter;
}
