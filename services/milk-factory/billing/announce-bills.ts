import { type MilkFactoryContext } from '../landscape.ts';
import { sql, type Kysely } from 'kysely';
import type { BillingTables } from './billing-tables.ts';

/**
 * A bill is not the answer to the group's step: it does not carry the step's token its
 * command brought (which an answer, or an Error about the command, inherits). 85 bytes less
 * in each of thousands of events, through the outbox, the broker and every stream.
 */
const notAnAnswer = { metadata: { billingStep: undefined } };

/**
 * The COMMS step: `BillCreated` for each of the job's bills of these contracts not
 * announced yet, the contracts marked announced for the job in the same transaction, so a
 * bill's event is put in the outbox once, whichever group (an earlier attempt, a split
 * parent) stored it and however often the step is retried. Answers how many it announced.
 */
export async function announceBills(db: Kysely<BillingTables>, context: MilkFactoryContext<BillingTables>, jobId: string, contractIds: readonly string[]): Promise<number> {
  const fresh = await db.insertInto('announced').columns(['job_id', 'contract_id'])
    .expression(sql`select ${jobId}, c from unnest(${contractIds}::text[]) as c`)
    .onConflict((conflict) => conflict.columns(['job_id', 'contract_id']).doNothing())
    .returning('contract_id').execute();
  if (fresh.length === 0) return 0;
  const bills = await db.selectFrom('bills')
    .select(['bill_id as billId', 'contract_id as contractId', sql<string>`from_day::text`.as('from'), sql<string>`to_day::text`.as('to'), sql<string>`price::text`.as('price')])
    .where('job_id', '=', jobId).where(sql<boolean>`contract_id = any(${fresh.map((row) => row.contract_id)}::text[])`)
    .orderBy('contract_id').orderBy('from_day').execute();
  for (const bill of bills) context.publish('BillCreated', bill, notAnAnswer);
  return bills.length;
}
