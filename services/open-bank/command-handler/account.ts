import type { OpenBankEvent } from '../messages.ts';
import type { AccountType } from '../messages.ts';

/** An account at this bank, as the rules see it. Money in cents. */
export interface Account {
  iban: string;
  token: string;
  balance: bigint;
  limit: bigint;
  accountType: AccountType | 'COMPANY';
}

/** What a transfer command's id stands for from then on (rule "same command id seen before"). */
export type TransferOutcome = { status: 'confirmed' } | { status: 'failed'; reason: string };

/** What an account creation command's id stands for from then on: the same iban and token. */
export interface CreationOutcome {
  iban: string;
  token: string;
  accountType: AccountType;
}

/**
 * An event a rule emits, in the order it must be published: a type of the catalogue with
 * its data; `partitionKey` set on BalanceChanged (ordered per IBAN downstream).
 */
export type Emitted = OpenBankEvent & { partitionKey?: string };
