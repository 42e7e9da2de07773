import { companyAccount, cash } from '../command-handler/company-account.ts';
import type { ConfirmMoneyTransfer } from '../messages.ts';

/** An AUTO account the generator knows, with the token to move its money. */
export interface AutoAccount {
  iban: string;
  token: string;
}

export const shop = 'Albert Heijn BV';
/** Deposit and withdrawal amounts, cents (spec). */
export const cashAmounts = [2000, 2000, 2000, 3000, 5000, 5000, 10000, 20000] as const;

export type Generated =
  | { kind: 'create-account' }
  | { kind: 'transfer'; category: 'salary' | 'deposit' | 'withdraw' | 'shop' | 'internal'; command: ConfirmMoneyTransfer }
  | { kind: 'none'; why: string };

export interface GeneratorInputs {
  /** [0, 1) */
  random(): number;
  /** A random known AUTO account; undefined while none is known yet. */
  pickAccount(): AutoAccount | undefined;
  newId(): string;
}

/**
 * What one beat generates (spec "Command generator"): an AUTO account on the first 20
 * beats and every 200th, otherwise a random transfer by randInt(70). A transfer needing
 * accounts before any is known generates nothing.
 */
export function generateForBeat(beat: number, inputs: GeneratorInputs): Generated {
  if (beat < 20 || beat % 200 === 0) return { kind: 'create-account' };
  const randInt = (n: number) => Math.floor(inputs.random() * n);
  const roll = randInt(70);
  const account = inputs.pickAccount();
  if (!account) return { kind: 'none', why: 'no AUTO account known yet' };
  const transfer = (category: Extract<Generated, { kind: 'transfer' }>['category'], from: AutoAccount | typeof cash, to: string, amount: number, description: string): Generated => ({
    kind: 'transfer', category,
    command: { id: inputs.newId(), token: from === cash ? cash : from.token, amount, from: from === cash ? cash : from.iban, to, description },
  });
  const cashAmount = () => cashAmounts[randInt(cashAmounts.length)]!;
  if (roll === 0) return salaryFor(account, inputs);
  if (roll <= 3) return transfer('deposit', cash, account.iban, cashAmount(), 'deposit');
  if (roll <= 13) return transfer('withdraw', account, cash, cashAmount(), 'withdraw');
  if (roll <= 53) return transfer('shop', account, shop, 1000 + randInt(10_000), 'groceries');
  const other = inputs.pickAccount();
  if (!other || other.iban === account.iban) return { kind: 'none', why: 'no second AUTO account picked' };
  return transfer('internal', account, other.iban, 1000 + randInt(10_000), 'transfer to a friend');
}

/** A salary from the company account: 220000 + rand 50000 cents; also every new AUTO account's first money. */
export function salaryFor(account: AutoAccount, inputs: Pick<GeneratorInputs, 'random' | 'newId'>): Generated {
  return {
    kind: 'transfer', category: 'salary',
    command: {
      id: inputs.newId(), token: companyAccount.token, amount: 220_000 + Math.floor(inputs.random() * 50_000),
      from: companyAccount.iban, to: account.iban, description: 'salary',
    },
  };
}
