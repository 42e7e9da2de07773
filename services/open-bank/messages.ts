import { z } from 'zod';
import { defineMessages, type Emit } from '../../actors/mod.ts';

/** The landscape's name: `open-bank.events`, `open-bank.commands`, `/api/open-bank`. */
export const landscape = 'open-bank';

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

export const accountCreationFailed = z.object({ id: z.string(), reason: z.string() });
export const moneyTransferConfirmed = z.object({ id: z.string() });
export const moneyTransferFailed = z.object({ id: z.string(), reason: z.string() });

/** The heartbeat's alarm to itself: the pace generation it belongs to and when it was due (ms). */
export const tick = z.object({ generation: z.number().int(), dueAt: z.number() });

/** The landscape's messages (spec "Messages"), and the heartbeat's own `Tick`. */
export const openBankMessages = defineMessages({
  commands: {
    ConfirmAccountCreation: confirmAccountCreation,
    ConfirmMoneyTransfer: confirmMoneyTransfer,
    Tick: tick,
  },
  events: {
    AccountCreationConfirmed: accountCreationConfirmed,
    AccountCreationFailed: accountCreationFailed,
    MoneyTransferConfirmed: moneyTransferConfirmed,
    MoneyTransferFailed: moneyTransferFailed,
    BalanceChanged: balanceChanged,
    Heartbeat: heartbeat,
  },
});

/** An event the command handler's pure rules decide to publish. */
export type OpenBankEvent = Emit<typeof openBankMessages>;
