import { Hono } from 'hono';
import { NotFoundError } from '../../actors/mod.ts';
import type { LandscapeDeps } from '../landscape.ts';
import { operationsWithDatabase, type AdminEnv } from './admin-env.ts';

/**
 * `GET /orchestrators`: the machine definitions (XState JSON) with their versions, for
 * visualisers; `GET /orchestrators/<name>/instances/<id>`: one instance's state, context,
 * pending timers and history.
 */
export function orchestratorRoutes(deps: LandscapeDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>()
    .get('/orchestrators', (c) => c.json(deps.system().operations.orchestratorDefinitions()))
    .get('/orchestrators/:name/instances/:id', async (c) => {
      const system = deps.system();
      operationsWithDatabase(system); // without a database there are no instances to describe: 503, not a 500
      const { name, id } = c.req.param();
      const instance = await system.operations.describeInstance(name, id);
      if (!instance) throw new NotFoundError(`no instance ${id} of orchestrator ${name}`);
      return c.json(instance);
    });
}
