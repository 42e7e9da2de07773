import { sql, type Kysely } from 'kysely';
import type { BillingTables, GroupRow, JobRow } from './billing-tables.ts';

// Billing's read model, as its REST API (and `GET /contracts/<id>`) answers it.

export function jobView(row: JobRow) {
  return {
    jobId: row.job_id,
    state: row.state,
    date: row.date,
    maxGroupSize: row.max_group_size,
    started: row.started_at.toISOString(),
    ...(row.completed_at ? { completed: row.completed_at.toISOString() } : {}),
    counters: { contracts: row.contracts, groups: row.groups, completedGroups: row.completed_groups, failedGroups: row.failed_groups, bills: row.bills },
  };
}

/** A group as the job's detail lists it: `contracts` is a count; a single contract is named too. */
interface GroupListed {
  group_id: string;
  state: GroupRow['state'];
  step: GroupRow['step'];
  product_id: string;
  first_day: string;
  bills: number;
  failed_reason: string | null;
  split_from: string | null;
  seq: number;
  contracts: number;
  single: string | null;
}

export function groupView(row: GroupListed) {
  return {
    groupId: row.group_id,
    state: row.state,
    step: row.step,
    contracts: row.contracts,
    bills: row.bills,
    productId: row.product_id,
    firstDay: row.first_day,
    seq: row.seq,
    ...(row.failed_reason ? { failedReason: row.failed_reason } : {}),
    ...(row.split_from ? { splitFrom: row.split_from } : {}),
    // A failed single-contract group is what an admin retries: worth naming its contract.
    ...(row.single ? { contractId: row.single } : {}),
  };
}

const jobColumns = ['job_id', 'state', sql<string>`date::text`.as('date'), 'max_group_size', 'started_at', 'completed_at',
  'contracts', 'groups', 'completed_groups', 'failed_groups', 'bills'] as const;

/** Newest first. */
export async function listJobs(db: Kysely<BillingTables>, limit: number) {
  const rows = await db.selectFrom('jobs').select(jobColumns).orderBy('started_at', 'desc').orderBy('job_id', 'desc').limit(limit).execute();
  return rows.map((row) => jobView(row as unknown as JobRow));
}

/** The job with its first `limit` groups (split ones included, followed by their children); undefined when unknown. */
export async function findJob(db: Kysely<BillingTables>, jobId: string, limit: number) {
  const row = await db.selectFrom('jobs').select(jobColumns).where('job_id', '=', jobId).executeTakeFirst();
  if (!row) return undefined;
  const groups = await db.selectFrom('groups')
    .select(['group_id', 'state', 'step', 'product_id', sql<string>`first_day::text`.as('first_day'), 'bills', 'failed_reason', 'split_from', 'seq',
      sql<number>`cardinality(contract_ids)`.as('contracts'), sql<string | null>`case when cardinality(contract_ids) = 1 then contract_ids[1] end`.as('single')])
    .where('job_id', '=', jobId)
    // As planned (product, first day), each split group's children right after it, in contract order.
    .orderBy('product_id').orderBy('first_day').orderBy(sql`coalesce(split_from, group_id)`).orderBy(sql`split_from nulls first`)
    .orderBy(sql`length(group_id)`).orderBy('group_id').limit(limit).execute();
  return { ...jobView(row as unknown as JobRow), groups: groups.map(groupView) };
}

/** A contract's bills, ordered by their first day (`after`: only those starting later, for paging). */
export async function billsOf(db: Kysely<BillingTables>, contractId: string, options: { limit: number; after?: string | undefined }) {
  let query = db.selectFrom('bills')
    .select(['bill_id as billId', 'contract_id as contractId', sql<string>`from_day::text`.as('from'), sql<string>`to_day::text`.as('to'),
      sql<string>`price::text`.as('price'), 'created_at as createdAt'])
    .where('contract_id', '=', contractId);
  if (options.after !== undefined) query = query.where(sql<boolean>`from_day > ${options.after}::date`);
  const rows = await query.orderBy('from_day').limit(options.limit).execute();
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
}
