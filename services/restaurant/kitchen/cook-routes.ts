import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../../actors/mod.ts';
import { secure, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { restaurant } from '../landscape.ts';
import { cookService, isCookName, scaledCookTime } from './cooks.ts';
import { cookLoads, setPaused } from './kitchen-store.ts';
import type { kitchenActor } from './kitchen-actor.ts';

/** Who may stop and restart a cook (spec: admin). */
export const kitchenSecurityModel = { processes: { RESTAURANT: { MANAGE_COOKS: ['ADMIN'] } } };

/**
 * The cooks: how many orders each holds and has cooked, and the switch to pause one. A
 * paused cook gets no new work from the kitchen (stored, so it holds for every process)
 * and its mailbox stops taking what is queued in every process that consumes it, one
 * started later too (the runtime's shared pause), until it is resumed from any of them.
 */
export function cookRoutes(deps: LandscapeDeps, kitchen: ReturnType<typeof kitchenActor>) {
  const view = async () => {
    const system = deps.system();
    const loads = await cookLoads(system.readDb(kitchen), new Date(system.clock.now()), (cook) => scaledCookTime(system.clock, cook));
    return loads.map((cook) => ({ name: cook.name, queueLength: cook.holding, cooked: cook.cooked, paused: cook.paused, mostHeld: cook.mostHeld }));
  };
  return new Hono<AuthEnv>()
    .get('/cooks', async (c) => c.json(await view()))
    .put('/cooks/:name', secure('RESTAURANT', 'MANAGE_COOKS'), validJson(z.strictObject({ paused: z.boolean() })), async (c) => {
      const name = c.req.param('name');
      if (!isCookName(name)) throw new NotFoundError(`no cook ${name}`);
      const { paused } = c.req.valid('json');
      const system = deps.system();
      await system.transaction(kitchen, deps.flow(c), (context) => setPaused(context.db, name, paused));
      const queue = system.names.mailbox(restaurant.name, cookService(name));
      await (paused ? system.operations.pause(queue, { anywhere: true }) : system.operations.resume(queue, { anywhere: true }));
      return c.json((await view()).find((cook) => cook.name === name));
    });
}
