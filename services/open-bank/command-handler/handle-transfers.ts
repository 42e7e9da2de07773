import type { BatchItem } from '../../../actors/mod.ts';
import type { OpenBankContext } from '../landscape.ts';
import type { ConfirmMoneyTransfer } from '../messages.ts';
import type { CommandHandlerTables } from './command-handler-tables.ts';
import type { Account, TransferOutcome } from './account.ts';
import { lockAccounts, saveBalances, saveTransferOutcomes, transferOutcomes, type StoredTransfer } from './account-store.ts';
import { isValidOpenIban } from './iban.ts';
import { decideTransfer } from './transfer-checks.ts';

/**
 * ConfirmMoneyTransfer, a batch at a time in one transaction: read every account and
 * outcome the batch needs in two queries, decide each command in arrival order with the
 * pure rules (each seeing the balances the previous ones left), write back in two queries.
 * A command id twice in one batch is caught too: its outcome is in `outcomes` by then.
 */
export async function handleTransfers(items: ReadonlyArray<BatchItem<ConfirmMoneyTransfer, OpenBankContext<CommandHandlerTables>>>): Promise<void> {
  const db = items[0]!.context.db;
  const commands = items.map((item) => item.message.data);
  const ibans = new Set(commands.flatMap((c) => [c.from, c.to]).filter(isValidOpenIban));
  // Sent together: the connection pipelines them, one round trip instead of two.
  const [outcomes, accounts]: [Map<string, TransferOutcome>, Map<string, Account>] = await Promise.all([
    transferOutcomes(db, [...new Set(commands.map((c) => c.id))]),
    lockAccounts(db, [...ibans]),
  ]);

  const changed = new Map<string, Account>();
  const stored: StoredTransfer[] = [];
  const state = { account: (iban: string) => accounts.get(iban), outcome: (id: string) => outcomes.get(id) };
  for (const { message, context } of items) {
    const command = message.data;
    const decision = decideTransfer(command, state);
    for (const account of decision.changed) {
      accounts.set(account.iban, account);
      changed.set(account.iban, account);
    }
    if (decision.store) {
      outcomes.set(command.id, decision.store);
      stored.push({ id: command.id, outcome: decision.store, from: command.from, to: command.to, amount: command.amount });
    }
    for (const event of decision.events) context.publish(event.type, event.data, event.partitionKey ? { partitionKey: event.partitionKey } : {});
  }
  await Promise.all([saveBalances(db, changed.values()), saveTransferOutcomes(db, stored)]);
}
