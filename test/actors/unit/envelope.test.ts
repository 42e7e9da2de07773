import { describe, expect, it } from 'vitest';
import { createCommand, createEvent, isPastDeadline, manualClock, timeLeft } from '../../../actors/mod.ts';

describe('envelope', () => {
  const clock = manualClock(Date.parse('2026-01-01T00:00:00Z'));

  it('starts a flow: the first message is its own correlation and has no cause', () => {
    const command = createCommand('Deposit', { amount: 100 }, { source: 'gateway', clock, sessionId: 'tab' });
    expect(command).toMatchObject({ kind: 'command', type: 'Deposit', data: { amount: 100 } });
    expect(command.metadata).toEqual({
      correlationId: command.id, occurredAt: '2026-01-01T00:00:00.000Z', source: 'gateway', attempt: 1, sessionId: 'tab',
    });
  });

  it('continues a flow: correlation, causation, session, request and unknown metadata are carried on', () => {
    const cause = createCommand('Deposit', {}, { source: 'gateway', clock, sessionId: 's', requestId: 'r', metadata: { forceError: 'x', tenant: 't1' } });
    const event = createEvent('Deposited', {}, { source: 'bank.accounts', causedBy: cause, clock });
    expect(event.metadata).toMatchObject({
      correlationId: cause.metadata.correlationId, causationId: cause.id, sessionId: 's', requestId: 'r',
      forceError: 'x', tenant: 't1', source: 'bank.accounts', attempt: 1,
    });
  });

  it('lets a caused command share its cause\'s deadline, but never an event', () => {
    const deadline = new Date(clock.now() + 10_000);
    const cause = createCommand('PlaceOrder', {}, { source: 'gateway', clock, deadline });
    expect(createCommand('Reserve', {}, { source: 'orders', causedBy: cause, clock }).metadata.deadline).toBe(deadline.toISOString());
    expect(createEvent('OrderRejected', {}, { source: 'orders', causedBy: cause, clock }).metadata.deadline).toBeUndefined();
  });

  it('tells whether the deadline has passed by the injected clock', () => {
    const local = manualClock(1_000_000);
    const message = createCommand('Reserve', {}, { source: 'x', clock: local, deadline: new Date(1_000_500) });
    expect(timeLeft(message, local.now())).toBe(500);
    expect(isPastDeadline(message, local.now())).toBe(false);
    local.advance(500);
    expect(isPastDeadline(message, local.now())).toBe(true);
    expect(isPastDeadline(createCommand('NoDeadline', {}, { source: 'x' }), Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
