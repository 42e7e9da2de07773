import { describe, expect, it } from 'vitest';
import { cashAmounts, generateForBeat, salaryFor, shop } from '../../../../services/open-bank/command-generator/generate-command.ts';
import { beatsOfTick, changePace, defaultPace, maxCatchUp, tickAt } from '../../../../services/open-bank/heartbeat/pace.ts';

describe('heartbeat pace', () => {
  it('is idle by default: batch size 0, interval 1000 ms', () => {
    expect(defaultPace).toMatchObject({ batchSize: 0, intervalMs: 1000 });
    expect(beatsOfTick(defaultPace).beats).toEqual([]);
  });

  it('emits batchSize beats per tick, numbered on from the last', () => {
    const first = beatsOfTick({ ...defaultPace, batchSize: 3 });
    expect(first.beats).toEqual([0, 1, 2]);
    expect(beatsOfTick(first.pace).beats).toEqual([3, 4, 5]);
  });

  it('keeps the interval from drifting: a tick on time emits one batch, the next due one interval on', () => {
    const pace = { ...defaultPace, batchSize: 5 };
    expect(tickAt(pace, 1000, 1050, 100)).toEqual({ beats: [0, 1, 2, 3, 4], pace: { ...pace, nextBeat: 5 }, nextDueAt: 1100 });
  });

  it('catches up the intervals a late tick missed, so the rate stays batchSize per interval', () => {
    const pace = { ...defaultPace, batchSize: 2, nextBeat: 10 };
    const late = tickAt(pace, 1000, 1250, 100); // two whole intervals passed since it was due
    expect(late.beats).toEqual([10, 11, 12, 13, 14, 15]);
    expect(late.pace).toEqual({ ...pace, nextBeat: 16 });
    expect(late.nextDueAt).toBe(1300);
  });

  it('skips what lies beyond the catch-up bound after a long pause', () => {
    const pace = { ...defaultPace, batchSize: 1 };
    const resumed = tickAt(pace, 0, 100_000, 100);
    expect(resumed.beats).toHaveLength(1 + maxCatchUp);
    expect(resumed.nextDueAt).toBe(100_100);
  });

  it('starts a new chain of ticks on a change that is not idle', () => {
    const busy = changePace(defaultPace, { batchSize: 10 });
    expect(busy).toEqual({ pace: { ...defaultPace, batchSize: 10, generation: 1 }, startChain: true });
    expect(changePace(busy.pace, { batchSize: 0 }).startChain).toBe(false);
    expect(changePace(busy.pace, { intervalMs: 50 }).pace).toMatchObject({ batchSize: 10, intervalMs: 50, generation: 2 });
  });
});

describe('command generator', () => {
  const account = { iban: 'NL61OPEN0123456789', token: 'token-a' };
  const friend = { iban: 'NL27OPEN0000000001', token: 'token-b' };
  /** Inputs whose randInt(70) rolls `roll`, then `amountDraw` for the amount. */
  const rolling = (roll: number, amountDraw = 0.5, accounts = [account, friend]) => {
    const draws = [roll / 70 + 1e-9, amountDraw];
    let picks = 0;
    return { random: () => draws.shift() ?? 0.5, pickAccount: () => accounts[picks++ % accounts.length], newId: () => 'id' };
  };

  it('creates an AUTO account on beats below 20 and every 200th beat', () => {
    for (const beat of [0, 1, 19, 200, 400, 1000]) expect(generateForBeat(beat, rolling(20)).kind).toBe('create-account');
    for (const beat of [20, 21, 199, 201]) expect(generateForBeat(beat, rolling(20)).kind).toBe('transfer');
  });

  it('picks the transfer kind by randInt(70): 0 salary, 1–3 deposit, 4–13 withdraw, 14–53 shop, 54–69 account to account', () => {
    const category = (roll: number) => { const g = generateForBeat(21, rolling(roll)); return g.kind === 'transfer' ? g.category : g.kind; };
    expect([0, 1, 3, 4, 13, 14, 53, 54, 69].map(category)).toEqual(['salary', 'deposit', 'deposit', 'withdraw', 'withdraw', 'shop', 'shop', 'internal', 'internal']);
  });

  it('moves the amounts of the spec between the right parties', () => {
    const salary = generateForBeat(21, rolling(0, 0.999999));
    expect(salary).toMatchObject({ command: { from: 'NL66OPEN0000000000', token: '00000000000000000000', to: account.iban, amount: 220_000 + 49_999 } });
    const depositCmd = generateForBeat(21, rolling(2, 0.99));
    expect(depositCmd).toMatchObject({ command: { from: 'cash', to: account.iban, amount: 20_000 } });
    const withdraw = generateForBeat(21, rolling(5, 0));
    expect(withdraw).toMatchObject({ command: { from: account.iban, token: account.token, to: 'cash', amount: cashAmounts[0] } });
    const shopping = generateForBeat(21, rolling(30, 0));
    expect(shopping).toMatchObject({ command: { from: account.iban, to: shop, amount: 1000 } });
    const internal = generateForBeat(21, rolling(60, 0.999999));
    expect(internal).toMatchObject({ command: { from: account.iban, token: account.token, to: friend.iban, amount: 1000 + 9_999 } });
  });

  it('generates nothing while no AUTO account is known, and no transfer to the same account', () => {
    expect(generateForBeat(21, rolling(30, 0.5, [])).kind).toBe('none');
    expect(generateForBeat(21, rolling(60, 0.5, [account])).kind).toBe('none');
  });

  it('pays a new AUTO account a salary from the company', () => {
    expect(salaryFor(account, { random: () => 0, newId: () => 'x' })).toMatchObject({ category: 'salary', command: { to: account.iban, amount: 220_000 } });
  });
});
