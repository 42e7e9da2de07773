import { Hono } from 'hono';
import { NotFoundError } from '../../../actors/mod.ts';
import { authenticated, currentUser, secure, type AuthEnv, type SecurityModel } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { readDb } from '../shared/state-access.ts';
import { indexValues, repriceRunning } from './indexed-contracts.ts';
import { indexInput, milkIndexName } from './milk-index.ts';
import { pricingActor } from './pricing-actor.ts';
import type { PricingTables } from './pricing-tables.ts';

/** Process INDEX: setting an index value is the ADMIN's (spec); reading needs any login. */
export const indexSecurityModel: SecurityModel = { processes: { INDEX: { SET: ['ADMIN'] } } };

function knownIndex(name: string): string {
  if (name !== milkIndexName) throw new NotFoundError(`no index ${name}`);
  return name;
}

/**
 * `PUT /indexes/MILK_INDEX {year, value}` and `GET /indexes/MILK_INDEX` (spec, Index
 * pricing): pricing's own REST controller. A change reprices every RUNNING indexed contract
 * in the same transaction (`PricesUpdated` each); bills already created keep their price.
 */
export function indexRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .put('/indexes/:name', secure('INDEX', 'SET'), validJson(indexInput), async (c) => {
      const name = knownIndex(c.req.param('name'));
      const { year, value } = c.req.valid('json');
      const user = currentUser(c);
      const answer = await deps.system().transaction(pricingActor, deps.flow(c), async (context) => {
        const db = context.db;
        const row = { value, changed_at: new Date(context.clock.now()).toISOString(), changed_by: user.username };
        await db.insertInto('indexes').values({ name, year, ...row }).onConflict((oc) => oc.columns(['name', 'year']).doUpdateSet(row)).execute();
        const values = await indexValues(db, name);
        context.publish('IndexChanged', { name, year, value });
        return { name, values, repriced: await repriceRunning(context, values) };
      });
      return c.json(answer);
    })
    .get('/indexes/:name', authenticated(), async (c) => {
      const name = knownIndex(c.req.param('name'));
      return c.json({ name, values: await indexValues(readDb<PricingTables>(deps, pricingActor), name) });
    });
}
