import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHandlerActor } from '../../../../services/open-bank/command-handler/command-handler-actor.ts';
import { isValidOpenIban } from '../../../../services/open-bank/command-handler/iban.ts';
import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually, sleep } from '../../../support/wait.ts';
import { createCommand } from '../../../../actors/mod.ts';
import { companyAccount, signUp, startBank, tablesOf } from '../bank-client.ts';
import { testInternals } from '../../../../actors/testing.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await startBank('ob-login'); });
afterAll(() => edge?.cleanup());

describe('open-bank login', () => {
  it('creates a MANUAL account with a valid OPEN IBAN, balance 0 and limit −500.00 on the first login', async () => {
    const client = await signUp(edge, 'first.timer', 'password1');
    expect(client.username).toBe('first.timer');
    expect(isValidOpenIban(client.iban)).toBe(true);
    expect(client.token).toMatch(/^\d{20}$/);
    expect(client.jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const account = await edge.expect(200, 'GET', `/api/open-bank/accounts/${client.iban}`, { token: client.jwt });
    expect(account).toEqual({ iban: client.iban, balance: 0, limit: -50_000 });
    const row = await tablesOf(edge, commandHandlerActor).selectFrom('accounts').select('account_type').where('iban', '=', client.iban).executeTakeFirstOrThrow();
    expect(row.account_type).toBe('MANUAL');
  });

  it('answers the same iban and token on a later login with the right password, creating no second account', async () => {
    const first = await signUp(edge, 'returning.client', 'password2');
    const count = async () => (await tablesOf(edge, commandHandlerActor).selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const again = await signUp(edge, 'returning.client', 'password2');
    expect(again.iban).toBe(first.iban);
    expect(again.token).toBe(first.token);
    await sleep(300);
    expect(await count()).toBe(before);
  });

  it('refuses a wrong password with 401 "incorrect password" and sends no command', async () => {
    await signUp(edge, 'careful.client', 'password3');
    const stream = await edge.stream('open-bank');
    const { status, body } = await edge.call('POST', '/api/open-bank/login', { body: { username: 'careful.client', password: 'wrong-password' } });
    expect(status).toBe(401);
    expect(body.detail).toBe('incorrect password');
    await sleep(500);
    expect(stream.messages.filter((m) => m.type.startsWith('AccountCreation'))).toEqual([]);
  });

  it('answers the same ConfirmAccountCreation id with the same iban and token, opening one account', async () => {
    const stream = await edge.stream('open-bank');
    const id = crypto.randomUUID();
    for (let i = 0; i < 2; i++) {
      await testInternals(edge.system).bus.send('open-bank', 'command-handler', createCommand('ConfirmAccountCreation', { id, accountType: 'AUTO' }, { source: 'test' }));
    }
    const confirmations = await eventually(() => {
      const found = stream.messages.filter((m) => m.type === 'AccountCreationConfirmed' && m.data.id === id);
      return found.length === 2 && found;
    }, 10_000, 'two confirmations');
    expect(confirmations[1]!.data).toEqual(confirmations[0]!.data);
    const rows = await tablesOf(edge, commandHandlerActor).selectFrom('accounts').select('iban').where('iban', '=', confirmations[0]!.data.iban as string).execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps only a hash of the password', async () => {
    await signUp(edge, 'hashed.client', 'plain-text-secret');
    const row = await tablesOf(edge, commandHandlerActor).selectFrom('clients').select('password_hash').where('username', '=', 'hashed.client').executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain('plain-text-secret');
    expect(row.password_hash).toMatch(/^pbkdf2\$/);
  });

  it('refuses a username or password of 7 characters or fewer with 400', async () => {
    for (const body of [{ username: 'seven77', password: 'long-enough' }, { username: 'long-enough', password: 'seven77' }, { username: 'long-enough' }]) {
      const { status, body: problem } = await edge.call('POST', '/api/open-bank/login', { body });
      expect(status).toBe(400);
      expect(problem.errors.length).toBeGreaterThan(0);
    }
  });

  it('has the company account with 10^17 cents from the start, readable by anyone', async () => {
    const account = await edge.expect(200, 'GET', `/api/open-bank/accounts/${companyAccount.iban}`);
    expect(account.iban).toBe(companyAccount.iban);
    expect(BigInt(account.balance)).toBeLessThanOrEqual(10n ** 17n);
    const row = await tablesOf(edge, commandHandlerActor).selectFrom('accounts').select(['token']).where('iban', '=', companyAccount.iban).executeTakeFirstOrThrow();
    expect(row.token).toBe('00000000000000000000');
  });
});

describe('account access', () => {
  it("lets only the owner and a bank employee read an account and its transactions", async () => {
    const owner = await signUp(edge, 'owner.client', 'password4');
    const other = await signUp(edge, 'other.client', 'password5');
    const employee = await edge.login('bank.employee');
    for (const path of [`/api/open-bank/accounts/${owner.iban}`, `/api/open-bank/accounts/${owner.iban}/transactions`]) {
      expect((await edge.call('GET', path)).status).toBe(401);
      expect((await edge.call('GET', path, { token: other.jwt })).status).toBe(403);
      expect((await edge.call('GET', path, { token: owner.jwt })).status).toBe(200);
      expect((await edge.call('GET', path, { token: employee })).status).toBe(200);
    }
  });

  it('answers 404 for an unknown account and lets only employees see the latest transactions', async () => {
    const employee = await edge.login('bank.employee');
    const client = await signUp(edge, 'curious.client', 'password6');
    expect((await edge.call('GET', '/api/open-bank/accounts/NL00OPEN0000000009', { token: employee })).status).toBe(404);
    expect((await edge.call('GET', '/api/open-bank/transactions/latest', { token: client.jwt })).status).toBe(403);
    expect((await edge.call('GET', '/api/open-bank/transactions/latest', { token: employee })).status).toBe(200);
  });
});
