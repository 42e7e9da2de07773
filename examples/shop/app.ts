import { fileURLToPath } from 'node:url';
import { ActorSystem, type ActorSystemOptions } from 'milk-factory/actors';
import { orderProcess } from './order-process.ts';
import { orderRoutes, ordersActor } from './orders.ts';
import { stockActor } from './stock-actor.ts';

/** The shop's migrations: `sql/<schema>/` per service (the runtime applies its own). */
export const shopMigrations = fileURLToPath(new URL('./sql/', import.meta.url));
export const shopActors = [ordersActor, stockActor, orderProcess];

/** Starts the shop's actors and answers its REST routes (`app.fetch` serves them). */
export async function startShop(options: Omit<ActorSystemOptions, 'actors' | 'database'> & { databaseUrl: string }) {
  const { databaseUrl, ...rest } = options;
  const system = await ActorSystem.start({ ...rest, actors: shopActors, database: { url: databaseUrl, migrations: shopMigrations } });
  return { system, app: orderRoutes(system) };
}
