import { onBatch } from '../../../actors/mod.ts';
import { openBank } from '../landscape.ts';
import { confirmAccountCreation, confirmMoneyTransfer } from '../messages.ts';
import type { CommandHandlerTables } from './command-handler-tables.ts';
import { handleAccountCreations } from './handle-account-creations.ts';
import { handleTransfers } from './handle-transfers.ts';

/**
 * Accounts and balances. One mailbox consumed in batches that run one after the other
 * (the runtime's batch collector), each batch one transaction: so balances change, and
 * `BalanceChanged` events are published, in one order — per IBAN in particular — even though
 * a transfer touches two accounts (which no single partition key could cover). Downstream,
 * BalanceChanged carries its IBAN as partition key, so the partitioned read model keeps
 * that order per IBAN while handling IBANs in parallel.
 */
export const commandHandlerActor = openBank.defineActor<CommandHandlerTables>({
  service: 'command-handler',
  commands: {
    ConfirmAccountCreation: onBatch(confirmAccountCreation, (items) => handleAccountCreations(items)),
    ConfirmMoneyTransfer: onBatch(confirmMoneyTransfer, handleTransfers),
  },
  // Under load the batches fill up: a big batch costs one transaction and a few queries,
  // and deliveries waiting for the previous batch's confirms must not hold the next one back.
  batch: 500,
  prefetch: 1500,
  concurrency: 1000,
  mailbox: { maxLength: 200_000, overflow: 'reject-publish' },
});
