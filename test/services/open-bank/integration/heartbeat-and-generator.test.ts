import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHandlerActor } from '../../../../services/open-bank/command-handler/command-handler-actor.ts';
import { shop } from '../../../../services/open-bank/command-generator/generate-command.ts';
import { transactionsActor } from '../../../../services/open-bank/transactions/transactions-actor.ts';
import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually, sleep } from '../../../support/wait.ts';
import { startBank, tablesOf } from '../bank-client.ts';
import { testInternals } from '../../../../actors/testing.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await startBank('ob-heartbeat', 0.1); });
afterAll(() => edge?.cleanup());

async function totalBalance(): Promise<bigint> {
  const row = await tablesOf(edge, commandHandlerActor).selectFrom('accounts').select((eb) => eb.fn.sum('balance').as('total')).executeTakeFirstOrThrow();
  return BigInt(row.total as string);
}

async function confirmedSum(where: 'from_account' | 'to_account', party: string): Promise<bigint> {
  const row = await tablesOf(edge, commandHandlerActor).selectFrom('transfer_outcomes').select((eb) => eb.fn.coalesce(eb.fn.sum('amount'), eb.lit(0)).as('total'))
    .where('status', '=', 'confirmed').where(where, '=', party).executeTakeFirstOrThrow();
  return BigInt(row.total as string);
}

/** Messages waiting in the landscape's mailboxes (every partition). */
async function waiting(): Promise<number> {
  return testInternals(edge.system).broker.withChannel(async (channel) => {
    let total = 0;
    for (const mailbox of edge.system.operations.mailboxes) total += (await channel.checkQueue(mailbox.queue)).messageCount;
    return total;
  });
}

/** Waits until nothing moves any more: empty mailboxes and no new outcomes between two looks. */
async function quiet(): Promise<void> {
  const outcomes = async () => {
    const db = tablesOf(edge, commandHandlerActor);
    const [t, c] = await Promise.all(['transfer_outcomes', 'creation_outcomes'].map((table) => db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()));
    return Number(t!.n) + Number(c!.n);
  };
  let last = -1;
  await eventually(async () => {
    const n = await outcomes();
    const still = n === last && (await waiting()) === 0;
    last = n;
    if (!still) await sleep(500);
    return still;
  }, 90_000, 'the bank to go quiet');
}

describe('heartbeat', () => {
  it('lets only an admin read and change the pace, and refuses bad paces', async () => {
    const employee = await edge.login('bank.employee');
    expect((await edge.call('GET', '/api/open-bank/heartbeat')).status).toBe(401);
    expect((await edge.call('GET', '/api/open-bank/heartbeat', { token: employee })).status).toBe(403);
    expect((await edge.call('PUT', '/api/open-bank/heartbeat', { token: employee, body: { batchSize: 1 } })).status).toBe(403);
    expect(await edge.expect(200, 'GET', '/api/open-bank/heartbeat', { as: 'admin' })).toEqual({ batchSize: 0, intervalMs: 1000, beat: 0 });
    for (const body of [{ batchSize: -1 }, { intervalMs: 0 }, { batchSize: 1.5 }, { speed: 3 }]) {
      expect((await edge.call('PUT', '/api/open-bank/heartbeat', { as: 'admin', body })).status).toBe(400);
    }
  });
});

describe('heartbeat and command generator', () => {
  it('generate accounts and transfers at the pace set at run time, and conserve money', async () => {
    const before = await totalBalance();
    const beats = await edge.stream('open-bank');
    // TIME_SCALE 0.1: an interval of 1000 business ms is 100 ms, so 100 beats a second.
    expect(await edge.expect(200, 'PUT', '/api/open-bank/heartbeat', { as: 'admin', body: { batchSize: 10, intervalMs: 1000 } })).toMatchObject({ batchSize: 10, intervalMs: 1000 });
    await eventually(async () => (await edge.expect(200, 'GET', '/api/open-bank/heartbeat', { as: 'admin' })).beat >= 250, 30_000, '250 beats');
    // Changed at run time: a faster pace takes over from the running one.
    await edge.expect(200, 'PUT', '/api/open-bank/heartbeat', { as: 'admin', body: { intervalMs: 500 } });
    await eventually(async () => (await edge.expect(200, 'GET', '/api/open-bank/heartbeat', { as: 'admin' })).beat >= 450, 30_000, '450 beats');
    const stopped = await edge.expect(200, 'PUT', '/api/open-bank/heartbeat', { as: 'admin', body: { batchSize: 0 } });
    await quiet();

    // Beats are numbered on from the last: every number once, none skipped.
    const numbers = beats.messages.filter((m) => m.type === 'Heartbeat').map((m) => (m.data as { beat: number }).beat).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: stopped.beat }, (_, i) => i));
    expect((await edge.expect(200, 'GET', '/api/open-bank/heartbeat', { as: 'admin' })).beat).toBe(stopped.beat);

    const accounts = await tablesOf(edge, commandHandlerActor).selectFrom('accounts').select('account_type').where('account_type', '=', 'AUTO').execute();
    expect(accounts.length).toBe(20 + Math.floor((stopped.beat - 1) / 200));

    const deposits = await confirmedSum('from_account', 'cash');
    const withdrawals = await confirmedSum('to_account', 'cash');
    const shopping = await confirmedSum('to_account', shop);
    const salaries = await confirmedSum('from_account', 'NL66OPEN0000000000');
    expect([deposits, withdrawals, shopping, salaries].every((sum) => sum > 0n)).toBe(true);
    expect(await totalBalance() - before).toBe(deposits - withdrawals - shopping);

    // The read model agrees: its cash and shop rows add up to the same change.
    await eventually(async () => {
      const rows = await tablesOf(edge, transactionsActor).selectFrom('transactions').select(['from_to', 'changed_by']).where('from_to', 'in', ['cash', shop]).execute();
      const sum = rows.reduce((total, row) => total + BigInt(row.changed_by), 0n);
      return sum === deposits - withdrawals - shopping;
    }, 20_000, 'the read model to agree');
  });
});
