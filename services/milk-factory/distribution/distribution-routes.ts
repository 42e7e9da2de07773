import { Hono } from 'hono';
import { z } from 'zod';
import { authenticated, currentUser, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { assertMayWorkOn } from '../contracts/contract-access.ts';
import type { ContractsTables } from '../contracts/contract-tables.ts';
import { contractsActor } from '../contracts/contracts-actor.ts';
import { findContract } from '../contracts/routes/load-contract.ts';
import { readDb } from '../shared/state-access.ts';
import { distributionActor } from './distribution-actor.ts';
import { deliveryColumns, deliveryView, type DeliveryRow, type DistributionTables } from './distribution-tables.ts';

const deliveriesQuery = z.object({ contractId: z.string({ error: 'required' }).min(1, 'required') });

/** `GET /deliveries?contractId=` (spec): a contract's deliveries by date, for whoever may read the contract. */
export function distributionRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .get('/deliveries', authenticated(), validQuery(deliveriesQuery), async (c) => {
      const { contractId } = c.req.valid('query');
      assertMayWorkOn(currentUser(c), await findContract(readDb<ContractsTables>(deps, contractsActor), contractId));
      const rows = await readDb<DistributionTables>(deps, distributionActor).selectFrom('deliveries').select(deliveryColumns).where('contract_id', '=', contractId).orderBy('date').orderBy('created_at').execute();
      return c.json(rows.map((row) => deliveryView(row as DeliveryRow)));
    });
}
