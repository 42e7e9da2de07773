import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { sql } from 'kysely';
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

/**
 * The last day billing has billed the contract (null: none, or billing has never run here),
 * from billing's read model: what `POST /contracts/<id>/terminate` checks the end against.
 */
export async function billedTo(deps: LandscapeDeps, contractId: string): Promise<string | null> {
  try {
    const row = await readDb<BillingTables>(deps, billingActor).selectFrom('contracts')
      .select(sql<string | null>`billed_to::text`.as('billedTo')).where('contract_id', '=', contractId).executeTakeFirst();
    return row?.billedTo ?? null;
  } catch (error) {
    if ((error as { code?: string }).code === undefinedTable) return null;
    throw error;
  }
}
