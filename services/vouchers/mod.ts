import { Hono } from 'hono';
import { withMessaging, type Landscape } from '../landscape.ts';
import { vouchers } from './landscape.ts';
import { orderRoutes } from './orders/order-routes.ts';
import { ordersActor } from './orders/orders-actor.ts';
import { publicationRoutes, publicationsSecurityModel } from './orders/publication-routes.ts';
import { vouchersStreamFilters } from './stream-filters.ts';
import { everyAuthenticatedUser } from '../../gateway/sse/stream-access.ts';
import { voucherRoutes } from './vouchers/voucher-routes.ts';
import { vouchersActor } from './vouchers/vouchers-actor.ts';

/**
 * The vouchers landscape (spec `vouchers.md`): an orders service publishing order events
 * on a bounded retry schedule (the runtime outbox's `publishRetry`), and a vouchers service turning large delivered orders into
 * vouchers. REST under `/api/vouchers`. The spec lists no users: orders and vouchers are
 * open, the parked order events are `admin`'s (as the dead-letter office is).
 */
export const vouchersLandscape: Landscape = withMessaging({
  name: vouchers.name,
  actors: [ordersActor, vouchersActor],
  edge: {
    name: vouchers.name,
    routes: (deps) => new Hono()
      .route('/', orderRoutes(deps))
      .route('/', voucherRoutes(deps))
      .route('/', publicationRoutes(deps)),
    streamFilters: vouchersStreamFilters,
    // Its REST reads are open to anyone, so its stream is open to every logged-in user.
    streamAccess: everyAuthenticatedUser,
  },
  securityModel: publicationsSecurityModel,
}, vouchers.messages);
