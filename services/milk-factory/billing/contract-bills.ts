import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { readDb } from '../shared/state-access.ts';
import { billingActor } from './billing-actor.ts';
import { billsOf } from './billing-read.ts';
import type { BillingTables } from './billing-tables.ts';

/** Postgres: the relation does not exist. */
const undefinedTable = '42P01';

/**
 * A contract's bills as billing's read model holds them, for `GET /contracts/<id>` (a REST
 * read of the owner's model, rule 1). Where billing has never run against this database
 * (its schema not migrated yet), a contract has no bills.
 */
export async function contractBills(deps: LandscapeDeps, contractId: string) {
  try {
    return await billsOf(readDb<BillingTables>(deps, billingActor), contractId, { limit: 1000 });
  } catch (error) {
    if ((error as { code?: string }).code === undefinedTable) return [];
    throw error;
  }
}
