import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../../actors/mod.ts';
import { transactionsActor } from '../../../../services/open-bank/transactions/transactions-actor.ts';
import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';
import { deposit, signUp, startBank, tablesOf, transfer, type Client } from '../bank-client.ts';

let edge: TestEdge;
let clients: Client[];
beforeAll(async () => {
  edge = await startBank('ob-ordering');
  clients = await Promise.all(['ordering.a', 'ordering.b', 'ordering.c', 'ordering.d'].map((name) => signUp(edge, name)));
  await Promise.all(clients.map((client) => deposit(edge, client, 1_000_000)));
});
afterAll(() => edge?.cleanup());

type Change = { iban: string; newBalance: number; changedBy: number };

/** Each event's new balance is the previous one plus its change: the order they happened in. */
function expectChained(changes: Change[], startBalance: number) {
  let balance = startBalance;
  for (const change of changes) {
    expect(change.newBalance).toBe(balance + change.changedBy);
    balance = change.newBalance;
  }
}

describe('BalanceChanged ordering', () => {
  it('is kept per IBAN on the wire and in the read model under concurrent transfers', async () => {
    const streams = await Promise.all(clients.map((c) => edge.stream('open-bank', `?iban=${c.iban}`)));
    const perPair = 15;
    const posts: Promise<unknown>[] = [];
    for (let round = 0; round < perPair; round++) {
      for (const [i, from] of clients.entries()) {
        const to = clients[(i + 1 + (round % 3)) % clients.length]!;
        posts.push(edge.expect(202, 'POST', '/api/open-bank/transfers', {
          body: { id: crypto.randomUUID(), token: from.token, amount: 100 + round * 7 + i, from: from.iban, to: to.iban, description: `round ${round}` },
        }));
        // Cash deposits interleave, so an account is changed by several sources at once.
        posts.push(edge.expect(202, 'POST', '/api/open-bank/transfers', {
          body: { id: crypto.randomUUID(), token: 'none', amount: 50 + round, from: 'cash', to: from.iban, description: 'top up' },
        }));
      }
    }
    await Promise.all(posts);
    const expected = perPair * 2 + perPair; // per account: its debits, its deposits, and the credits from others
    for (const [i, client] of clients.entries()) {
      const stream = streams[i]!;
      const changes = await eventually(() => {
        const got = stream.messages.map((m: Envelope) => m.data as Change);
        return got.length >= expected && got;
      }, 20_000, `the BalanceChanged events of ${client.username}`);
      expect(changes.every((c) => c.iban === client.iban)).toBe(true);
      expectChained(changes, 1_000_000);

      const rows = await eventually(async () => {
        const list = await tablesOf(edge, transactionsActor).selectFrom('transactions').select(['changed_by', 'new_balance']).where('iban', '=', client.iban).orderBy('id').execute();
        return list.length === changes.length + 1 && list;
      }, 20_000, 'the read model rows');
      expectChained(rows.slice(1).map((r) => ({ iban: client.iban, newBalance: Number(r.new_balance), changedBy: Number(r.changed_by) })), 1_000_000);
    }
  });
});

describe('the open-bank stream', () => {
  it('narrows to BalanceChanged by iban, minAmount (absolute) and direction', async () => {
    const [a, b] = clients as [Client, Client];
    const byIban = await edge.stream('open-bank', `?iban=${a.iban}`);
    const big = await edge.stream('open-bank', `?iban=${a.iban}&minAmount=5000`);
    const debits = await edge.stream('open-bank', `?iban=${a.iban}&direction=DEBIT`);
    const credits = await edge.stream('open-bank', `?iban=${a.iban}&direction=CREDIT`);
    await transfer(edge, { amount: 4999, from: a.iban, to: b.iban, token: a.token, description: 'small debit' });
    await transfer(edge, { amount: 5000, from: a.iban, to: b.iban, token: a.token, description: 'big debit' });
    await transfer(edge, { amount: 7000, from: 'cash', to: a.iban, description: 'big credit' });
    await transfer(edge, { amount: 10, from: b.iban, to: a.iban, token: b.token, description: 'small credit' });
    const descriptions = (client: typeof byIban) => client.messages.map((m) => (m.data as { description: string }).description);
    await eventually(() => descriptions(byIban).length === 4, 10_000, 'four changes of a');
    expect(byIban.messages.every((m) => m.type === 'BalanceChanged')).toBe(true);
    expect(descriptions(byIban)).toEqual(['small debit', 'big debit', 'big credit', 'small credit']);
    expect(descriptions(big)).toEqual(['big debit', 'big credit']);
    expect(descriptions(debits)).toEqual(['small debit', 'big debit']);
    expect(descriptions(credits)).toEqual(['big credit', 'small credit']);
  });

  it("carries a browser session's transfer outcome and its balance change on that session's stream", async () => {
    const [a] = clients as [Client];
    const sessionId = crypto.randomUUID();
    // The client's tab: its requests carry its jwt, so the session's events are the client's.
    const mine = await edge.stream('open-bank', `?sessionId=${sessionId}`, { token: a.jwt });
    await transfer(edge, { amount: 1, from: a.iban, to: a.iban, token: a.token, description: 'to myself' }, { sessionId, jwt: a.jwt });
    await transfer(edge, { amount: 300, from: 'cash', to: a.iban, description: 'session deposit' }, { sessionId, jwt: a.jwt });
    await eventually(() => mine.messages.length >= 3, 10_000, 'the session events');
    expect(mine.messages.map((m) => m.type)).toEqual(['MoneyTransferFailed', 'BalanceChanged', 'MoneyTransferConfirmed']);
    expect(mine.messages[0]!.data).toMatchObject({ reason: "from and to can't be same for transfer" });
  });

  it('refuses an unknown filter with 400', async () => {
    expect((await edge.call('GET', '/api/open-bank/stream?colour=red', { as: 'bank.employee' })).status).toBe(400);
  });
});
