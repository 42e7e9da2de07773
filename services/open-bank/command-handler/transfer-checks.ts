import { toJsonMoney } from '../money.ts';
import { type ConfirmMoneyTransfer } from '../messages.ts';
import type { Account, Emitted, TransferOutcome } from './account.ts';
import { cash } from './company-account.ts';
import { isValidOpenIban } from './iban.ts';
import { reasons } from './transfer-reasons.ts';

/** What the rules read: the accounts here and the outcomes of commands seen before. */
export interface TransferState {
  account(iban: string): Account | undefined;
  /** The stored outcome of a transfer command id seen before. */
  outcome(commandId: string): TransferOutcome | undefined;
}

export interface TransferDecision {
  /** Accounts after the transfer, to be stored; empty when nothing moved. */
  changed: Account[];
  /** BalanceChanged for `from` (if debited), for `to` (if credited), then the outcome. */
  events: Emitted[];
  /** The outcome to store under the command id; undefined for a command seen before. */
  store?: TransferOutcome;
}

/**
 * The transfer checks of the spec, in their order, as a pure function: a command and the
 * state it meets → the accounts it changes and the events, in publishing order. Either the
 * whole transfer happens or nothing (the caller stores `changed` in one transaction).
 */
export function decideTransfer(command: ConfirmMoneyTransfer, state: TransferState): TransferDecision {
  // 1. Same command id again: its stored outcome again, no balance changes.
  const seen = state.outcome(command.id);
  if (seen) return { changed: [], events: [outcomeEvent(command.id, seen.status === 'failed' ? seen.reason : undefined)] };

  const fail = (reason: string): TransferDecision => ({
    changed: [], events: [outcomeEvent(command.id, reason)], store: { status: 'failed', reason },
  });
  // 2. and 3.
  if (command.from !== cash && !isValidOpenIban(command.from)) return fail(reasons.fromInvalid);
  if (command.from === command.to) return fail(reasons.sameFromTo);

  const amount = BigInt(command.amount);
  const from = command.from === cash ? undefined : state.account(command.from);
  const to = state.account(command.to);
  const changed: Account[] = [];
  const events: Emitted[] = [];

  if (from) {
    // 4. A debit from an account here: its token, then its limit (reaching it exactly is allowed).
    if (command.token !== from.token) return fail(reasons.invalidToken);
    if (from.balance - amount < from.limit) return fail(reasons.insufficientFunds);
    const debited = { ...from, balance: from.balance - amount };
    changed.push(debited);
    events.push(balanceChanged(debited, -command.amount, command.to, command.description));
  } else if (!to) {
    // 5. Cash or another bank's IBAN pays in: only to an account here.
    return fail(reasons.bothUnknown);
  }
  if (to) {
    const credited = { ...to, balance: to.balance + amount };
    changed.push(credited);
    events.push(balanceChanged(credited, command.amount, command.from, command.description));
  }
  // Otherwise money leaves the bank (cash, a shop, another bank).
  events.push(outcomeEvent(command.id));
  return { changed, events, store: { status: 'confirmed' } };
}

function balanceChanged(account: Account, changedBy: number, fromTo: string, description: string): Emitted {
  return {
    type: 'BalanceChanged',
    data: { iban: account.iban, newBalance: toJsonMoney(account.balance), changedBy, fromTo, description },
    partitionKey: account.iban,
  };
}

function outcomeEvent(id: string, reason?: string): Emitted {
  return reason === undefined
    ? { type: 'MoneyTransferConfirmed', data: { id } }
    : { type: 'MoneyTransferFailed', data: { id, reason } };
}
