import { onBatch } from '../../../actors/mod.ts';
import { openBank, type OpenBankContext } from '../landscape.ts';
import { accountCreationConfirmed, heartbeat } from '../messages.ts';
import type { GeneratorTables } from './generator-tables.ts';
import { generateForBeat, salaryFor, type AutoAccount, type Generated } from './generate-command.ts';

const commandHandler = 'command-handler';

/**
 * Turns beats into commands (spec "Command generator"), a batch of beats per transaction
 * with one read of the known AUTO accounts, in four partitions at once (each beat is its own
 * partition key); keeps its own copy of those accounts from
 * AccountCreationConfirmed and pays each new one a salary.
 */
export const commandGeneratorActor = openBank.defineActor<GeneratorTables>({
  service: 'command-generator',
  events: {
    Heartbeat: onBatch(heartbeat, async (items) => {
      const db = items[0]!.context.db;
      const accounts: AutoAccount[] = await db.selectFrom('auto_accounts').select(['iban', 'token']).execute();
      const inputs = {
        random: Math.random,
        pickAccount: () => accounts[Math.floor(Math.random() * accounts.length)],
        newId: () => crypto.randomUUID(),
      };
      for (const { message, context } of items) send(context, generateForBeat(message.data.beat, inputs));
    }),
    AccountCreationConfirmed: onBatch(accountCreationConfirmed, async (items) => {
      const auto = items.filter((item) => item.message.data.accountType === 'AUTO');
      if (auto.length === 0) return;
      const db = auto[0]!.context.db;
      const inserted = await db.insertInto('auto_accounts')
        .values(auto.map(({ message }) => ({ iban: message.data.iban, token: message.data.token })))
        .onConflict((oc) => oc.column('iban').doNothing())
        .returning('iban').execute();
      const fresh = new Set(inserted.map((row) => row.iban));
      for (const { message, context } of auto) {
        // A redelivered or repeated confirmation (same iban) gets no second salary.
        if (fresh.delete(message.data.iban)) send(context, salaryFor(message.data, { random: Math.random, newId: () => crypto.randomUUID() }));
      }
    }),
  },
  // Beats need no order: partitions only spread them over parallel batch pipelines.
  partitions: 4,
  batch: 200,
  prefetch: 400,
});

function send(context: OpenBankContext, generated: Generated): void {
  if (generated.kind === 'create-account') {
    context.send(commandHandler, 'ConfirmAccountCreation', { id: crypto.randomUUID(), accountType: 'AUTO' });
  } else if (generated.kind === 'transfer') {
    context.send(commandHandler, 'ConfirmMoneyTransfer', generated.command);
  }
}
