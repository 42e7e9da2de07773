import { describe, expect, it } from 'vitest';
import { manualClock, readTimeScale } from '../../../actors/mod.ts';
import { mailboxArguments } from '../../../actors/topology/mailbox-arguments.ts';

describe('mailbox arguments', () => {
  it('make a bounded quorum queue with an explicit delivery limit that dead-letters into its parked queue', () => {
    expect(mailboxArguments('v.orders.parked', {}, manualClock())).toEqual({
      'x-queue-type': 'quorum', 'x-delivery-limit': 10, 'x-max-length': 100_000, 'x-overflow': 'reject-publish',
      'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': 'v.orders.parked', 'x-dead-letter-strategy': 'at-least-once',
    });
  });

  it('scale the message TTL and mark partitions single-active-consumer', () => {
    const args = mailboxArguments('p', { messageTtl: 172_800_000, overflow: 'drop-head', maxLength: 5 }, manualClock(0, 0.001), { singleActiveConsumer: true });
    expect(args).toMatchObject({ 'x-message-ttl': 172_800, 'x-overflow': 'drop-head', 'x-max-length': 5, 'x-single-active-consumer': true });
    expect(args).not.toHaveProperty('x-dead-letter-strategy'); // the broker refuses it with drop-head
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
