import { sql, type Kysely } from 'kysely';
import type { HandlerContext } from '../../../actors/mod.ts';
import type { BillingTables } from './billing-tables.ts';

/**
 * The COMMS step: `BillCreated` for each of the job's bills of these contracts that was
 * not announced yet, marked announced in the same transaction, so a bill's event is put in
 * the outbox once, whichever group (an earlier attempt, a split parent) stored it and
 * however often the step is retried. Answers how many it announced now.
 */
export async function announceBills(db: Kysely<BillingTables>, context: HandlerContext, jobId: string, contractIds: readonly string[]): Promise<number> {
  const bills = await db.updateTable('bills').set({ announced: true })
    .where('job_id', '=', jobId).where(sql<boolean>`contract_id = any(${contractIds}::text[])`).where('announced', '=', false)
    .returning(['bill_id as billId', 'contract_id as contractId', sql<string>`from_day::text`.as('from'), sql<string>`to_day::text`.as('to'), sql<string>`price::text`.as('price')])
    .execute();
  bills.sort((a, b) => (a.contractId === b.contractId ? (a.from < b.from ? -1 : 1) : a.contractId < b.contractId ? -1 : 1));
  for (const bill of bills) context.publish('BillCreated', { ...bill, jobId });
  return bills.length;
}
