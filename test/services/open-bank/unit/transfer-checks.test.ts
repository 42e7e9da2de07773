import { describe, expect, it } from 'vitest';
import type { Account, TransferOutcome } from '../../../../services/open-bank/command-handler/account.ts';
import { companyAccount } from '../../../../services/open-bank/command-handler/company-account.ts';
import { ibanFromDigits } from '../../../../services/open-bank/command-handler/iban.ts';
import { decideTransfer } from '../../../../services/open-bank/command-handler/transfer-checks.ts';
import { reasons } from '../../../../services/open-bank/command-handler/transfer-reasons.ts';
import type { ConfirmMoneyTransfer } from '../../../../services/open-bank/messages.ts';

const alice = ibanFromDigits('0000000001');
const bob = ibanFromDigits('0000000002');
const elsewhere = ibanFromDigits('0999999999'); // valid OPEN IBAN, not at this bank

function account(iban: string, balance: bigint, token = `token-of-${iban}`): Account {
  return { iban, token, balance, limit: -50_000n, accountType: 'MANUAL' };
}

function bank(accounts: Account[], outcomes: Record<string, TransferOutcome> = {}) {
  const map = new Map(accounts.map((a) => [a.iban, a]));
  return { account: (iban: string) => map.get(iban), outcome: (id: string) => outcomes[id] };
}

function transfer(fields: Partial<ConfirmMoneyTransfer>): ConfirmMoneyTransfer {
  return { id: crypto.randomUUID(), token: `token-of-${alice}`, amount: 1000, from: alice, to: bob, description: 'test', ...fields };
}

const failure = (decision: ReturnType<typeof decideTransfer>) => {
  const last = decision.events.at(-1);
  return last?.type === 'MoneyTransferFailed' ? last.data.reason : undefined;
};

describe('transfer checks', () => {
  it('debit from and credit to, emitting from, then to, then MoneyTransferConfirmed', () => {
    const command = transfer({ amount: 1111 });
    const decision = decideTransfer(command, bank([account(alice, 5000n), account(bob, 0n)]));
    expect(decision.changed.map((a) => [a.iban, a.balance])).toEqual([[alice, 3889n], [bob, 1111n]]);
    expect(decision.events).toEqual([
      { type: 'BalanceChanged', data: { iban: alice, newBalance: 3889, changedBy: -1111, fromTo: bob, description: 'test' }, partitionKey: alice },
      { type: 'BalanceChanged', data: { iban: bob, newBalance: 1111, changedBy: 1111, fromTo: alice, description: 'test' }, partitionKey: bob },
      { type: 'MoneyTransferConfirmed', data: { id: command.id } },
    ]);
    expect(decision.store).toEqual({ status: 'confirmed' });
  });

  it('allow reaching exactly the limit of −500.00', () => {
    const decision = decideTransfer(transfer({ amount: 50_000 }), bank([account(alice, 0n), account(bob, 0n)]));
    expect(decision.changed[0]!.balance).toBe(-50_000n);
    expect(decision.events.at(-1)!.type).toBe('MoneyTransferConfirmed');
  });

  it('refuse one cent beyond the limit with "insufficient funds" and change nothing', () => {
    const decision = decideTransfer(transfer({ amount: 50_001 }), bank([account(alice, 0n), account(bob, 0n)]));
    expect(decision.changed).toEqual([]);
    expect(decision.events).toHaveLength(1);
    expect(decision.events[0]!.type).toBe('MoneyTransferFailed');
    expect(failure(decision)).toBe(reasons.insufficientFunds);
    expect(decision.store).toEqual({ status: 'failed', reason: 'insufficient funds' });
  });

  it('refuse a wrong token with "invalid token" before looking at the funds', () => {
    const decision = decideTransfer(transfer({ token: 'wrong', amount: 999_999 }), bank([account(alice, 0n), account(bob, 0n)]));
    expect(failure(decision)).toBe('invalid token');
    expect(decision.changed).toEqual([]);
  });

  it('refuse a from that is neither cash nor a valid OPEN IBAN with "from is invalid", before same from and to', () => {
    expect(failure(decideTransfer(transfer({ from: 'NL00OPEN0000000001', to: 'NL00OPEN0000000001' }), bank([])))).toBe('from is invalid');
    expect(failure(decideTransfer(transfer({ from: 'Albert Heijn BV' }), bank([])))).toBe('from is invalid');
  });

  it("refuse from = to with \"from and to can't be same for transfer\", before the token", () => {
    const decision = decideTransfer(transfer({ to: alice, token: 'wrong' }), bank([account(alice, 5000n)]));
    expect(failure(decision)).toBe("from and to can't be same for transfer");
    expect(failure(decideTransfer(transfer({ from: 'cash', to: 'cash' }), bank([])))).toBe("from and to can't be same for transfer");
  });

  it('let money leave the bank when to is not an account here (cash, a shop, another bank)', () => {
    for (const to of ['cash', 'Albert Heijn BV', elsewhere]) {
      const decision = decideTransfer(transfer({ to }), bank([account(alice, 5000n)]));
      expect(decision.changed.map((a) => a.balance)).toEqual([4000n]);
      expect(decision.events.map((e) => e.type)).toEqual(['BalanceChanged', 'MoneyTransferConfirmed']);
    }
  });

  it('credit an account here from cash or another bank without any token check', () => {
    for (const from of ['cash', elsewhere]) {
      const decision = decideTransfer(transfer({ from, to: bob, token: 'anything', amount: 2000 }), bank([account(bob, 100n)]));
      expect(decision.changed.map((a) => [a.iban, a.balance])).toEqual([[bob, 2100n]]);
      expect(decision.events[0]!.data).toMatchObject({ iban: bob, changedBy: 2000, fromTo: from, newBalance: 2100 });
      expect(decision.events.at(-1)!.type).toBe('MoneyTransferConfirmed');
    }
  });

  it('refuse a transfer between two accounts not here with "both to and from not known at this bank"', () => {
    expect(failure(decideTransfer(transfer({ from: 'cash', to: elsewhere }), bank([])))).toBe('both to and from not known at this bank');
    expect(failure(decideTransfer(transfer({ from: elsewhere, to: 'Albert Heijn BV' }), bank([])))).toBe('both to and from not known at this bank');
  });

  it('answer a command id seen before with its stored outcome and no balance change', () => {
    const id = crypto.randomUUID();
    const accounts = [account(alice, 5000n), account(bob, 0n)];
    const confirmed = decideTransfer(transfer({ id }), bank(accounts, { [id]: { status: 'confirmed' } }));
    expect(confirmed).toEqual({ changed: [], events: [{ type: 'MoneyTransferConfirmed', data: { id } }] });
    const failed = decideTransfer(transfer({ id, from: 'cash' }), bank(accounts, { [id]: { status: 'failed', reason: 'invalid token' } }));
    expect(failed).toEqual({ changed: [], events: [{ type: 'MoneyTransferFailed', data: { id, reason: 'invalid token' } }] });
  });

  it('keep the company balance of 10^17 exact beyond a double', () => {
    const company = { ...companyAccount, limit: 0n, accountType: 'COMPANY' as const };
    const decision = decideTransfer(transfer({ from: company.iban, token: company.token, amount: 220_001 }), bank([company, account(bob, 0n)]));
    expect(decision.changed[0]!.balance).toBe(10n ** 17n - 220_001n);
    const first = decision.events[0]!;
    expect(first.type === 'BalanceChanged' && first.data.newBalance).toBe('99999999999779999');
  });
});
