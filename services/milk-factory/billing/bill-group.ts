import { BusinessError } from '../../../actors/mod.ts';
import { sql, type Kysely } from 'kysely';
import { yearOf } from '../shared/calendar-day.ts';
import type { BillGroup } from './billing-messages.ts';
import { periodsToBill } from './billing-periods.ts';
import type { BillingTables } from './billing-tables.ts';

/** What the BILL step did: bills it created now, and the job's bills of these contracts in all. */
export interface Billed {
  created: number;
  bills: number;
}

/**
 * The BILL step, set-based: locks the group's contracts (in id order, so two groups never
 * deadlock), bills each from its billed-to day as it is NOW (not as the run saw it: a
 * concurrent run, or an earlier attempt of this group, may have moved it), stores the
 * bills and moves billed-to, in the caller's transaction. Four statements for any group
 * size (the table names go through the builder, which puts them in the service's schema). A day with no price read is a business error (the group fails at BILL).
 */
export async function billGroup(db: Kysely<BillingTables>, order: BillGroup, createdAt: Date): Promise<Billed> {
  const { jobId, groupId, date, contractIds, prices } = order;
  const contracts = await db.selectFrom('contracts')
    .select(['contract_id as contractId', sql<string>`start_day::text`.as('startDay'), sql<string>`end_day::text`.as('endDay'), sql<string | null>`billed_to::text`.as('billedTo'),
      sql<boolean>`contract_type = 'SUBSCRIPTION'`.as('yearly')])
    .where(sql<boolean>`contract_id = any(${contractIds}::text[])`)
    .orderBy('contract_id').forUpdate().execute();
  const bills = { contract: [] as string[], from: [] as string[], to: [] as string[], price: [] as string[] };
  /** The new billed-to day by contract (sent as text: typed jsonb, the driver would encode it again). */
  const billedTo: Record<string, string> = {};
  for (const contract of contracts) {
    const periods = periodsToBill(contract, date);
    for (const period of periods) {
      const price = prices[contract.contractId]?.[yearOf(period.from)];
      if (price === undefined) throw new BusinessError(`no price read for contract ${contract.contractId} in ${yearOf(period.from)}`);
      bills.contract.push(contract.contractId);
      bills.from.push(period.from);
      bills.to.push(period.to);
      bills.price.push(price);
    }
    if (periods.length > 0) billedTo[contract.contractId] = periods.at(-1)!.to;
  }
  if (bills.contract.length > 0) {
    await db.insertInto('bills').columns(['contract_id', 'from_day', 'to_day', 'price', 'job_id', 'group_id', 'created_at'])
      .expression(sql`select c, f::date, t::date, p::numeric, ${jobId}, ${groupId}, ${createdAt}::timestamptz
        from unnest(${bills.contract}::text[], ${bills.from}::text[], ${bills.to}::text[], ${bills.price}::text[]) as b(c, f, t, p)`)
      .execute();
    await db.updateTable('contracts').set({ billed_to: sql`(${JSON.stringify(billedTo)}::text::jsonb ->> contract_id)::date` })
      .where(sql<boolean>`contract_id = any(${Object.keys(billedTo)}::text[])`).execute();
  }
  return { created: bills.contract.length, bills: await jobBills(db, jobId, contractIds) };
}

/** The job's bills of these contracts, as stored: whoever created them (this group, an earlier attempt, its parent). */
export async function jobBills(db: Kysely<BillingTables>, jobId: string, contractIds: readonly string[]): Promise<number> {
  const row = await db.selectFrom('bills').select(sql<number>`count(*)::int`.as('n'))
    .where('job_id', '=', jobId).where(sql<boolean>`contract_id = any(${contractIds}::text[])`).executeTakeFirstOrThrow();
  return row.n;
}
