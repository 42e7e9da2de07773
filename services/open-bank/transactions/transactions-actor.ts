import { onBatch } from '../../../actors/mod.ts';
import { openBank } from '../landscape.ts';
import { balanceChanged } from '../messages.ts';
import { fromJsonMoney } from '../money.ts';
import type { TransactionsTables } from './transactions-tables.ts';

/**
 * The transactionsActor read model (spec): every BalanceChanged as a row. Its mailbox is
 * partitioned by IBAN (the command handler sets the partition key), so each IBAN's
 * changes are stored in the order they happened while IBANs are stored in parallel;
 * a partition's batch is one multi-row insert.
 */
export const transactionsActor = openBank.defineActor<TransactionsTables>({
  service: 'transactions',
  events: {
    BalanceChanged: onBatch(balanceChanged, async (items) => {
      const db = items[0]!.context.db;
      await db.insertInto('transactions').values(items.map(({ message }) => ({
        message_id: message.id,
        iban: message.data.iban,
        changed_by: message.data.changedBy,
        new_balance: fromJsonMoney(message.data.newBalance).toString(),
        from_to: message.data.fromTo,
        description: message.data.description,
        at: message.metadata.occurredAt,
      }))).onConflict((oc) => oc.column('message_id').doNothing()).execute();
    }),
  },
  partitions: 4,
  batch: 200,
  prefetch: 400,
});
