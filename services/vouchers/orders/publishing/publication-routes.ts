import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { ValidationError } from '../../../../actors/mod.ts';
import { secure, type AuthEnv, type SecurityModel } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { listLimit } from '../../../../gateway/list-limit.ts';
import type { OrdersTables } from '../order-store.ts';
import { ordersActor } from '../orders-actor.ts';
import type { OrderEventPublisher } from './order-event-publisher.ts';
import { listPublications, publicationStatuses, retryParked, type PublicationStatus } from './publication-store.ts';

/** Who may look at the order events on their way out and retry a parked one: operations. */
export const publicationsSecurityModel: SecurityModel = {
  processes: { VOUCHERS_OPERATIONS: { INSPECT_PUBLICATIONS: ['ADMIN'], RETRY_PUBLICATION: ['ADMIN'] } },
};

/**
 * The orders service's parked events (spec: after the last publish retry an event is
 * "parked for manual retry"): `GET /publications?status=parked|pending|published` and
 * `POST /publications/<id>/retry`, which makes it due now with the whole schedule again.
 */
export function publicationRoutes(deps: LandscapeDeps, publisher: OrderEventPublisher) {
  const inOrders = <T>(work: (db: Kysely<OrdersTables>, now: number) => Promise<T>) => {
    const system = deps.system();
    return system.transaction(ordersActor, {}, (context) => work(context.db, system.clock.now()));
  };

  return new Hono<AuthEnv>()
    .get('/publications', secure('VOUCHERS_OPERATIONS', 'INSPECT_PUBLICATIONS'), async (c) => {
      const status = (c.req.query('status') ?? 'parked') as PublicationStatus;
      if (!publicationStatuses.includes(status)) {
        throw new ValidationError('unknown status', [{ path: 'query.status', message: `one of ${publicationStatuses.join(', ')}` }]);
      }
      const limit = listLimit(c, { fallback: 200 });
      return c.json(await inOrders((db) => listPublications(db, status, limit)));
    })
    .post('/publications/:id/retry', secure('VOUCHERS_OPERATIONS', 'RETRY_PUBLICATION'), async (c) => {
      const publication = await inOrders((db, now) => retryParked(db, c.req.param('id'), now));
      publisher.kick();
      return c.json(publication);
    });
}
