import { describe, expect, it } from 'vitest';
import { BusinessError, TechnicalError, ValidationError, decideAfterFailure, manualClock } from '../../../actors/mod.ts';

describe('what happens after a handler failed', () => {
  const schedule = [1_000, 10_000, 10_000];
  const clock = manualClock(0, 1);

  it('a business error is reported, never retried', () => {
    expect(decideAfterFailure(new BusinessError('no'), 1, schedule, clock)).toEqual({ action: 'report' });
    expect(decideAfterFailure(new ValidationError('bad'), 1, schedule, clock)).toEqual({ action: 'report' });
  });

  it('a technical error waits the schedule\'s delay for its attempt, then tries again', () => {
    expect(decideAfterFailure(new Error('io'), 1, schedule, clock)).toEqual({ action: 'retry', delay: 1_000, nextAttempt: 2 });
    expect(decideAfterFailure(new TechnicalError('io'), 2, schedule, clock)).toEqual({ action: 'retry', delay: 10_000, nextAttempt: 3 });
    expect(decideAfterFailure('a thrown string', 3, schedule, clock)).toEqual({ action: 'retry', delay: 10_000, nextAttempt: 4 });
  });

  it('parks once the schedule is used up', () => {
    expect(decideAfterFailure(new Error('io'), 4, schedule, clock)).toEqual({ action: 'park' });
    expect(decideAfterFailure(new Error('io'), 1, [], clock)).toEqual({ action: 'park' });
  });

  it('scales the waits by TIME_SCALE', () => {
    expect(decideAfterFailure(new Error('io'), 2, schedule, manualClock(0, 0.1))).toEqual({ action: 'retry', delay: 1_000, nextAttempt: 3 });
  });
});
