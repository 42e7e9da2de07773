import { Hono } from 'hono';
import type { LandscapeDeps, LandscapeModule } from '../../../gateway/landscape.ts';
import { landscape } from '../messages.ts';
import { accountRoutes } from './account-routes.ts';
import { heartbeatRoutes } from './heartbeat-routes.ts';
import { loginRoutes } from './login-route.ts';
import { openBankStreamAccess } from './stream-access.ts';
import { streamFilters } from './stream-filters.ts';
import { transferRoutes } from './transfer-routes.ts';

/** open-bank at the edge: REST under /api/open-bank and its stream's filters. */
export const openBankEdge: LandscapeModule = {
  name: landscape,
  routes: (deps: LandscapeDeps) => new Hono()
    .route('/', loginRoutes(deps))
    .route('/', transferRoutes(deps))
    .route('/', accountRoutes(deps))
    .route('/', heartbeatRoutes(deps)),
  streamFilters,
  streamAccess: openBankStreamAccess,
};
