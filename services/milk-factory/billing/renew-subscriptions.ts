import { sql } from 'kysely';
import type { MilkFactoryContext } from '../landscape.ts';
import { renewalFor } from '../subscriptions/subscription-term.ts';
import type { BillingTables } from './billing-tables.ts';

/**
 * Before a run for `date` selects what to bill (spec): every RUNNING subscription whose end
 * `date` is past is extended by 360 days when it extends itself (`ContractExtended
 * {contractId, end}` per term; contracts sets its quota claimed back to 0), and otherwise
 * EXPIRED (`ContractExpired`). In the run's transaction, so the run bills the new year at
 * once and two runs never extend one subscription twice (the rows are locked).
 */
export async function renewSubscriptions(context: MilkFactoryContext<BillingTables>, date: string): Promise<{ extended: number; expired: number }> {
  const db = context.db;
  const due = await db.selectFrom('contracts')
    .select(['contract_id', sql<string>`end_day::text`.as('end'), 'auto_extend'])
    .where('contract_type', '=', 'SUBSCRIPTION').where('state', '=', 'RUNNING').where(sql<boolean>`end_day < ${date}::date`)
    .orderBy('contract_id').forUpdate().execute();
  let extended = 0;
  let expired = 0;
  for (const contract of due) {
    const renewal = renewalFor({ end: contract.end, autoExtend: contract.auto_extend }, date);
    if (renewal.kind === 'extend') {
      await db.updateTable('contracts').set({ end_day: renewal.ends.at(-1)! }).where('contract_id', '=', contract.contract_id).execute();
      for (const end of renewal.ends) context.publish('ContractExtended', { contractId: contract.contract_id, end });
      extended += 1;
    } else if (renewal.kind === 'expire') {
      await db.updateTable('contracts').set({ state: 'EXPIRED' }).where('contract_id', '=', contract.contract_id).execute();
      context.publish('ContractExpired', { contractId: contract.contract_id, end: contract.end });
      expired += 1;
    }
  }
  return { extended, expired };
}
