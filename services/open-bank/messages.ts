import { z } from 'zod';

/** The landscape's name: `open-bank.events`, `open-bank.commands`, `/api/open-bank`. */
export const landscape = 'open-bank';

/** Message types (spec "Messages"). */
export const types = {
  confirmAccountCreation: 'ConfirmAccountCreation',
  accountCreationConfirmed: 'AccountCreationConfirmed',
  accountCreationFailed: 'AccountCreationFailed',
  confirmMoneyTransfer: 'ConfirmMoneyTransfer',
  moneyTransferConfirmed: 'MoneyTransferConfirmed',
  moneyTransferFailed: 'MoneyTransferFailed',
  balanceChanged: 'BalanceChanged',
  heartbeat: 'Heartbeat',
} as const;

export const accountTypes = ['AUTO', 'MANUAL'] as const;
export type AccountType = (typeof accountTypes)[number];

/** The largest amount a transfer may move, exclusive (spec: 0 < amount < 2^31). */
export const amountBound = 2 ** 31;

export const confirmAccountCreation = z.object({ id: z.uuid(), accountType: z.enum(accountTypes) });
export type ConfirmAccountCreation = z.infer<typeof confirmAccountCreation>;

export const confirmMoneyTransfer = z.object({
  id: z.uuid(),
  token: z.string(),
  amount: z.number().int().positive().lt(amountBound),
  from: z.string().min(1),
  to: z.string().min(1),
  description: z.string(),
});
export type ConfirmMoneyTransfer = z.infer<typeof confirmMoneyTransfer>;

export const accountCreationConfirmed = z.object({ id: z.string(), iban: z.string(), token: z.string(), accountType: z.enum(accountTypes) });
export type AccountCreationConfirmed = z.infer<typeof accountCreationConfirmed>;

export const heartbeat = z.object({ beat: z.number().int().nonnegative() });

export const balanceChanged = z.object({
  iban: z.string(),
  // A safe integer, or a digit string beyond 2^53 (see money.ts).
  newBalance: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]),
  changedBy: z.number().int(),
  fromTo: z.string(),
  description: z.string(),
});
export type BalanceChanged = z.infer<typeof balanceChanged>;
