import { Hono } from 'hono';
import type { LandscapeModule } from '../../gateway/landscape.ts';
import { everyAuthenticatedUser } from '../../gateway/sse/stream-access.ts';
import { deadlineRoutes } from './deadline/deadline-routes.ts';
import { exchangeRoutes } from './exchange/exchange-routes.ts';
import { landscape } from './messages.ts';
import { monitorRoutes } from './monitor/monitor-routes.ts';
import { orderRoutes } from './order/order-routes.ts';
import { pointRoutes } from './point/point-routes.ts';

/** The landscape at the edge: REST under `/api/deadline-orders`, a stream filtered by `orderId` and `holderId`. */
export const deadlineOrdersEdge: LandscapeModule = {
  name: landscape,
  routes: (deps) => new Hono()
    .route('/', orderRoutes(deps))
    .route('/', monitorRoutes(deps))
    .route('/', exchangeRoutes(deps))
    .route('/', pointRoutes(deps))
    .route('/', deadlineRoutes(deps)),
  streamFilters: {
    orderId: (event, value) => event.data.orderId === value,
    holderId: (event, value) => event.data.holderId === value,
  },
  // Its REST reads are open to anyone, so its stream is open to every logged-in user.
  streamAccess: everyAuthenticatedUser,
};
