import type { BatchItem } from '../../../actors/mod.ts';
import type { OpenBankContext } from '../landscape.ts';
import type { ConfirmAccountCreation } from '../messages.ts';
import type { CommandHandlerTables } from './command-handler-tables.ts';
import type { Account, CreationOutcome } from './account.ts';
import { creationOutcomes, existingIbans, insertAccounts, saveCreationOutcomes } from './account-store.ts';
import { decideAccountCreation } from './account-creation.ts';
import { newIban, newToken } from './iban.ts';
import { secureRandom } from './secure-random.ts';

/** ConfirmAccountCreation, a batch at a time: IBANs generated first, so one query finds any that exist. */
export async function handleAccountCreations(items: ReadonlyArray<BatchItem<ConfirmAccountCreation, OpenBankContext<CommandHandlerTables>>>, random: () => number = secureRandom): Promise<void> {
  const db = items[0]!.context.db;
  const generated = items.map(() => ({ iban: newIban(random), token: newToken(random) }));
  const [outcomes, taken]: [Map<string, CreationOutcome>, Set<string>] = await Promise.all([
    creationOutcomes(db, [...new Set(items.map((i) => i.message.data.id))]),
    existingIbans(db, generated.map((g) => g.iban)),
  ]);

  const created: Account[] = [];
  const stored: Array<{ id: string; outcome: CreationOutcome }> = [];
  const state = { ibanExists: (iban: string) => taken.has(iban), outcome: (id: string) => outcomes.get(id) };
  items.forEach(({ message, context }, i) => {
    const decision = decideAccountCreation(message.data, generated[i]!, state);
    if (decision.created) {
      created.push(decision.created);
      taken.add(decision.created.iban);
    }
    if (decision.store) {
      outcomes.set(message.data.id, decision.store);
      stored.push({ id: message.data.id, outcome: decision.store });
    }
    for (const event of decision.events) context.publish(event.type, event.data);
  });
  await insertAccounts(db, created);
  await saveCreationOutcomes(db, stored);
}
