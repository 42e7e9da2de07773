import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ibanFromDigits } from '../../../../services/open-bank/command-handler/iban.ts';
import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually, sleep } from '../../../support/wait.ts';
import { balanceOf, companyAccount, deposit, signUp, startBank, transfer, type Client } from '../bank-client.ts';

let edge: TestEdge;
let alice: Client;
let bob: Client;
beforeAll(async () => {
  edge = await startBank('ob-transfers');
  [alice, bob] = await Promise.all([signUp(edge, 'alice.client'), signUp(edge, 'bob.client.')]);
});
afterAll(() => edge?.cleanup());

describe('open-bank transfers', () => {
  it('deposit cash, then transfer between two clients, with rows newest first', async () => {
    expect(await deposit(edge, alice, 10_000)).toMatchObject({ status: 'confirmed' });
    expect(await transfer(edge, { amount: 1111, from: alice.iban, to: bob.iban, token: alice.token, description: 'lunch' })).toMatchObject({ status: 'confirmed' });
    expect(await balanceOf(edge, alice)).toBe(8889);
    expect(await balanceOf(edge, bob)).toBe(1111);
    const rows = await eventually(async () => {
      const list = await edge.expect(200, 'GET', `/api/open-bank/accounts/${alice.iban}/transactions?max=10`, { token: alice.jwt });
      return list.length === 2 && list;
    }, 10_000, "alice's two transactions");
    expect(rows.map((r: any) => [r.changedBy, r.newBalance, r.direction, r.fromTo, r.description])).toEqual([
      [-1111, 8889, 'DEBIT', bob.iban, 'lunch'],
      [10_000, 10_000, 'CREDIT', 'cash', 'deposit'],
    ]);
    expect(rows[0].iban).toBe(alice.iban);
    expect(new Date(rows[0].at).toISOString()).toBe(rows[0].at);
    expect(rows[0].id).toBeGreaterThan(rows[1].id);
    const max1 = await edge.expect(200, 'GET', `/api/open-bank/accounts/${alice.iban}/transactions?max=1`, { token: alice.jwt });
    expect(max1).toHaveLength(1);
  });

  it('allow going down to exactly −500.00 and refuse one cent more with "insufficient funds"', async () => {
    const carol = await signUp(edge, 'carol.client');
    expect(await transfer(edge, { amount: 50_000, from: carol.iban, to: companyAccount.iban, token: carol.token })).toEqual({ id: expect.any(String), status: 'confirmed' });
    expect(await balanceOf(edge, carol)).toBe(-50_000);
    expect(await transfer(edge, { amount: 1, from: carol.iban, to: companyAccount.iban, token: carol.token })).toMatchObject({ status: 'failed', reason: 'insufficient funds' });
    expect(await balanceOf(edge, carol)).toBe(-50_000);
  });

  it("record the company account's changes exactly, its balance beyond 2^53 as a digit string", async () => {
    const before = BigInt((await edge.expect(200, 'GET', `/api/open-bank/accounts/${companyAccount.iban}`)).balance);
    await deposit(edge, bob, 777);
    expect(await transfer(edge, { amount: 777, from: bob.iban, to: companyAccount.iban, token: bob.token, description: 'to the bank' })).toMatchObject({ status: 'confirmed' });
    const account = await edge.expect(200, 'GET', `/api/open-bank/accounts/${companyAccount.iban}`);
    expect(account.balance).toBe(String(before + 777n));
    const [row] = await eventually(async () => {
      const rows = await edge.expect(200, 'GET', `/api/open-bank/accounts/${companyAccount.iban}/transactions?max=1`);
      return rows[0]?.description === 'to the bank' && rows;
    }, 10_000, "the company's row");
    expect(row).toMatchObject({ changedBy: 777, newBalance: String(before + 777n), direction: 'CREDIT', fromTo: bob.iban });
  });

  it('fail with the exact reasons of the checks, in order, and move no money', async () => {
    const before = await balanceOf(edge, alice);
    const elsewhere = ibanFromDigits('0999999998');
    const cases: Array<[Parameters<typeof transfer>[1], string]> = [
      [{ amount: 100, from: 'NL00OPEN0000000001', to: alice.iban }, 'from is invalid'],
      [{ amount: 100, from: alice.iban, to: alice.iban, token: 'wrong' }, "from and to can't be same for transfer"],
      [{ amount: 100, from: alice.iban, to: bob.iban, token: bob.token }, 'invalid token'],
      [{ amount: 100, from: 'cash', to: elsewhere }, 'both to and from not known at this bank'],
      [{ amount: 100, from: elsewhere, to: 'Albert Heijn BV' }, 'both to and from not known at this bank'],
    ];
    for (const [fields, reason] of cases) expect(await transfer(edge, fields)).toMatchObject({ status: 'failed', reason });
    expect(await balanceOf(edge, alice)).toBe(before);
  });

  it('credit an account here from another bank without a token, and let money leave to a shop', async () => {
    const dave = await signUp(edge, 'dave.client');
    expect(await transfer(edge, { amount: 700, from: ibanFromDigits('0999999997'), to: dave.iban, token: 'whatever' })).toMatchObject({ status: 'confirmed' });
    expect(await transfer(edge, { amount: 200, from: dave.iban, to: 'Albert Heijn BV', token: dave.token })).toMatchObject({ status: 'confirmed' });
    expect(await balanceOf(edge, dave)).toBe(500);
  });

  it('never move money twice for a re-posted command id, answering the same outcome', async () => {
    const erin = await signUp(edge, 'erin.client');
    const stream = await edge.stream('open-bank', `?iban=${erin.iban}`);
    const id = crypto.randomUUID();
    const body = { id, token: 'none', amount: 2500, from: 'cash', to: erin.iban, description: 'twice' };
    const [first, second] = await Promise.all([
      edge.expect(202, 'POST', '/api/open-bank/transfers', { body }),
      edge.expect(202, 'POST', '/api/open-bank/transfers', { body }),
    ]);
    expect(first.id).toBe(id);
    expect(second.id).toBe(id);
    await edge.expect(202, 'POST', '/api/open-bank/transfers', { body });
    expect(await edge.expect(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=5000`)).toEqual({ id, status: 'confirmed' });
    await sleep(500);
    expect(await balanceOf(edge, erin)).toBe(2500);
    expect(stream.messages.filter((m) => m.type === 'BalanceChanged')).toHaveLength(1);
  });

  it('answer the stored failure again for a failed command id re-posted after the account could pay', async () => {
    const fred = await signUp(edge, 'fred.client');
    const id = crypto.randomUUID();
    expect(await transfer(edge, { id, amount: 60_000, from: fred.iban, to: companyAccount.iban, token: fred.token })).toMatchObject({ status: 'failed', reason: 'insufficient funds' });
    await deposit(edge, fred, 100_000);
    expect(await transfer(edge, { id, amount: 60_000, from: fred.iban, to: companyAccount.iban, token: fred.token })).toMatchObject({ status: 'failed', reason: 'insufficient funds' });
    expect(await balanceOf(edge, fred)).toBe(100_000);
  });

  it('answer pending until the outcome, and 404 for an id nobody posted', async () => {
    expect((await edge.call('GET', `/api/open-bank/transfers/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await edge.call('GET', '/api/open-bank/transfers/not-a-uuid')).status).toBe(404);
    const mailbox = edge.system.names.mailbox('open-bank', 'command-handler');
    await edge.system.operations.pause(mailbox);
    try {
      const id = crypto.randomUUID();
      await edge.expect(202, 'POST', '/api/open-bank/transfers', { body: { id, token: 'none', amount: 100, from: 'cash', to: alice.iban, description: 'later' } });
      expect(await edge.expect(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=200`)).toEqual({ id, status: 'pending' });
      await edge.system.operations.resume(mailbox);
      expect(await edge.expect(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=10000`)).toEqual({ id, status: 'confirmed' });
    } finally {
      await edge.system.operations.resume(mailbox).catch(() => {});
    }
  });

  it('list the newest transaction of every account for an employee, and refuse a bad max', async () => {
    const gina = await signUp(edge, 'gina.client');
    await deposit(edge, gina, 300);
    await deposit(edge, gina, 400);
    const employee = await edge.login('bank.employee');
    const latest = await eventually(async () => {
      const rows = await edge.expect(200, 'GET', '/api/open-bank/transactions/latest', { token: employee });
      return rows.find((r: any) => r.iban === gina.iban && r.newBalance === 700) && rows;
    }, 10_000, "gina's newest transaction");
    expect(latest.filter((r: any) => r.iban === gina.iban)).toHaveLength(1);
    expect(new Set(latest.map((r: any) => r.iban)).size).toBe(latest.length);
    for (const max of ['0', '101', 'ten', '1.5']) {
      expect((await edge.call('GET', `/api/open-bank/accounts/${gina.iban}/transactions?max=${max}`, { token: gina.jwt })).status).toBe(400);
    }
  });

  it('refuse bad transfer requests with 400 and store nothing', async () => {
    const valid = { id: crypto.randomUUID(), token: 'none', amount: 100, from: 'cash', to: alice.iban, description: 'ok' };
    const bad = [
      { ...valid, amount: 0 }, { ...valid, amount: -5 }, { ...valid, amount: 2 ** 31 }, { ...valid, amount: 1.5 }, { ...valid, amount: '100' },
      { ...valid, to: 'short' }, { ...valid, description: '' }, { ...valid, id: 'not-a-uuid' }, { ...valid, extra: true },
      (({ description: _d, ...rest }) => rest)(valid),
    ];
    for (const body of bad) expect((await edge.call('POST', '/api/open-bank/transfers', { body })).status).toBe(400);
    expect((await edge.call('GET', `/api/open-bank/transfers/${valid.id}`)).status).toBe(404);
    expect((await edge.call('POST', '/api/open-bank/transfers', { body: { ...valid, amount: 2 ** 31 - 1, to: 'cash', from: alice.iban, token: alice.token } })).status).toBe(202);
  });
});
