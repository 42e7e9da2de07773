import process from 'node:process';
import { Hono } from 'hono';
import { withMessaging, type Landscape } from '../landscape.ts';
import { assistantManagerActor } from './assistant-manager/assistant-manager-actor.ts';
import { cashierActor } from './cashier/cashier-actor.ts';
import { readRestaurantConfig, type RestaurantConfig } from './config.ts';
import { restaurant } from './landscape.ts';
import { cookActor } from './kitchen/cook-actor.ts';
import { cookRoutes, kitchenSecurityModel } from './kitchen/cook-routes.ts';
import { cooks } from './kitchen/cooks.ts';
import { kitchenActor } from './kitchen/kitchen-actor.ts';
import { processManagerActor } from './process-manager/process-manager-actor.ts';
import { restaurantStreamFilters } from './stream-filters.ts';
import { everyAuthenticatedUser } from '../../gateway/sse/stream-access.ts';
import { waiterActor } from './waiter/waiter-actor.ts';
import { waiterRoutes } from './waiter/waiter-routes.ts';

export type { RestaurantConfig } from './config.ts';

/**
 * The restaurant (spec `restaurant.md`): a waiter, a kitchen dispatching to three cooks,
 * an assistant manager, a cashier, and a process manager per order routing the document
 * between them. REST under `/api/restaurant`. The spec lists no users: ordering and
 * watching are open; pausing a cook is `admin`'s.
 */
export function createRestaurantLandscape(config: RestaurantConfig): Landscape {
  const kitchen = kitchenActor(config);
  return withMessaging({
    name: restaurant.name,
    actors: [waiterActor, processManagerActor, kitchen, ...cooks.map((cook) => cookActor(cook, config)), assistantManagerActor, cashierActor],
    edge: {
      name: restaurant.name,
      routes: (deps) => new Hono()
        .route('/', waiterRoutes(deps, config))
        .route('/', cookRoutes(deps, kitchen)),
      streamFilters: restaurantStreamFilters,
      // Its REST reads are open to anyone, so its stream is open to every logged-in user.
      streamAccess: everyAuthenticatedUser,
    },
    securityModel: kitchenSecurityModel,
  }, restaurant.messages);
}

/** The restaurant as configured by the environment (`RESTAURANT_DISPATCH`, `RESTAURANT_CHAOS_*`). */
export const restaurantLandscape: Landscape = createRestaurantLandscape(readRestaurantConfig(process.env));
