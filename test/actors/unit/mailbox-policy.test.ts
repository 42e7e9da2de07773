import { describe, expect, it } from 'vitest';
import { manualClock, readTimeScale } from '../../../actors/mod.ts';
import { hasCurrentArguments, mailboxPolicy, mailboxSettings } from '../../../actors/topology/mailbox-policy.ts';

describe('mailbox settings', () => {
  it('bound the mailbox, limit deliveries explicitly and dead-letter at least once into its parked queue', () => {
    expect(mailboxSettings('v.orders.parked', {}, manualClock())).toEqual({
      'delivery-limit': 10, 'max-length': 100_000, overflow: 'reject-publish',
      'dead-letter-exchange': '', 'dead-letter-routing-key': 'v.orders.parked', 'dead-letter-strategy': 'at-least-once',
    });
  });

  it('scale the message TTL', () => {
    const settings = mailboxSettings('p', { messageTtl: 172_800_000, overflow: 'drop-head', maxLength: 5 }, manualClock(0, 0.001));
    expect(settings).toMatchObject({ 'message-ttl': 172_800, overflow: 'drop-head', 'max-length': 5 });
    expect(settings).not.toHaveProperty('dead-letter-strategy'); // the broker refuses it with drop-head
  });
});

describe('mailbox policy', () => {
  const policy = mailboxPolicy('t-x.open-bank.accounts', {}, 10);
  const matches = (name: string) => new RegExp(policy.pattern).test(name);

  it('matches the mailbox, its partitions of any count and its holding queue, by exact name', () => {
    for (const name of ['t-x.open-bank.accounts', 't-x.open-bank.accounts.0-of-4', 't-x.open-bank.accounts.11-of-12', 't-x.open-bank.accounts.upgrading']) {
      expect(matches(name), name).toBe(true);
    }
  });

  it('matches neither the parked queue, another mailbox nor the queues of another namespace', () => {
    for (const name of ['t-x.open-bank.accounts.parked', 't-x.open-bank.accounts-read', 't-x.open-bank.accounts.3', 'xt-x.open-bank.accounts', 't-xxopen-bank.accounts']) {
      expect(matches(name), name).toBe(false);
    }
  });
});

describe('queue arguments', () => {
  it('are current only when they hold nothing that can change', () => {
    expect(hasCurrentArguments({ 'x-queue-type': 'quorum' }, false)).toBe(true);
    expect(hasCurrentArguments({ 'x-queue-type': 'quorum', 'x-single-active-consumer': true }, true)).toBe(true);
    expect(hasCurrentArguments({ 'x-queue-type': 'quorum', 'x-max-length': 100_000 }, false)).toBe(false);
    expect(hasCurrentArguments({}, false)).toBe(false);
  });
});

describe('TIME_SCALE', () => {
  it('defaults to 1 and refuses what is not a positive number', () => {
    expect(readTimeScale(undefined)).toBe(1);
    expect(readTimeScale('0.1')).toBe(0.1);
    expect(() => readTimeScale('0')).toThrow(/positive/);
    expect(() => readTimeScale('fast')).toThrow(/positive/);
  });
});
