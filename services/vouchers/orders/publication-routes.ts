import { Hono } from 'hono';
import { z } from 'zod';
import { publicationStatuses, type Publication, type PublicationStatus } from '../../../actors/mod.ts';
import { secure, type AuthEnv, type SecurityModel } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { ordersActor } from './orders-actor.ts';

/** Who may look at the order events on their way out and retry a parked one: operations. */
export const publicationsSecurityModel: SecurityModel = {
  processes: { VOUCHERS_OPERATIONS: { INSPECT_PUBLICATIONS: ['ADMIN'], RETRY_PUBLICATION: ['ADMIN'] } },
};

/** An order event in the runtime's outbox, with the order it is about. */
type OrderPublication = Publication & { orderId: string | null };

function withOrder(publication: Publication): OrderPublication {
  const order = (publication.message.data as { order?: { id?: unknown } } | undefined)?.order;
  return { ...publication, orderId: typeof order?.id === 'string' ? order.id : null };
}

const publicationsQuery = z.object({
  status: z.enum(publicationStatuses as [PublicationStatus, ...PublicationStatus[]], { error: `one of ${publicationStatuses.join(', ')}` }).default('parked'),
  limit: limitParam({ fallback: 200 }),
});

/**
 * The orders service's events as the runtime's outbox holds them (spec: after the last
 * publish retry an event is "parked for manual retry"): `GET /publications?status=parked|pending|published`
 * and `POST /publications/<id>/retry`, which makes it due now with the whole schedule again
 * (the outbox sweeper publishes it within its interval).
 */
export function publicationRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .get('/publications', secure('VOUCHERS_OPERATIONS', 'INSPECT_PUBLICATIONS'), validQuery(publicationsQuery), async (c) => {
      const { status, limit } = c.req.valid('query');
      return c.json((await deps.system().operations.publications(ordersActor, status, limit)).map(withOrder));
    })
    .post('/publications/:id/retry', secure('VOUCHERS_OPERATIONS', 'RETRY_PUBLICATION'), async (c) => {
      return c.json(withOrder(await deps.system().operations.retryPublication(ordersActor, c.req.param('id'))));
    });
}
