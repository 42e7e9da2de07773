import type { AccountType, ConfirmAccountCreation } from '../messages.ts';
import type { Account, CreationOutcome, Emitted } from './account.ts';
import { newAccountLimit } from './company-account.ts';
import { reasons } from './transfer-reasons.ts';

export interface CreationState {
  ibanExists(iban: string): boolean;
  /** The stored outcome of an account creation command id seen before. */
  outcome(commandId: string): CreationOutcome | undefined;
}

export interface CreationDecision {
  created?: Account;
  events: Emitted[];
  store?: CreationOutcome;
}

/**
 * Account creation (spec): idempotent per command id (the same iban and token again); a
 * generated IBAN that already exists fails with "try again". That failure is not stored,
 * so the same command id may indeed try again and get a fresh IBAN.
 */
export function decideAccountCreation(command: ConfirmAccountCreation, generated: { iban: string; token: string }, state: CreationState): CreationDecision {
  const seen = state.outcome(command.id);
  if (seen) return { events: [confirmed(command.id, seen.iban, seen.token, seen.accountType)] };
  if (state.ibanExists(generated.iban)) {
    return { events: [{ type: 'AccountCreationFailed', data: { id: command.id, reason: reasons.ibanExists } }] };
  }
  const created: Account = { iban: generated.iban, token: generated.token, balance: 0n, limit: newAccountLimit, accountType: command.accountType };
  return {
    created,
    events: [confirmed(command.id, created.iban, created.token, command.accountType)],
    store: { iban: created.iban, token: created.token, accountType: command.accountType },
  };
}

function confirmed(id: string, iban: string, token: string, accountType: AccountType): Emitted {
  return { type: 'AccountCreationConfirmed', data: { id, iban, token, accountType } };
}
