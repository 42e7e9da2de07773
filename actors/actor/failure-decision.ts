import { type Clock, scaled } from '../clock/clock.ts';
import { isBusinessError } from '../errors/errors.ts';

/** What to do with a message whose handler threw. */
export type FailureDecision =
  | { action: 'report' }
  | { action: 'retry'; delay: number; nextAttempt: number }
  | { action: 'park' };

/**
 * Rule 6 as a pure function. A business error is an outcome: reported, never retried.
 * A technical error on attempt n waits `schedule[n-1]` (scaled) and tries again; when
 * the schedule is used up the message is parked.
 */
export function decideAfterFailure(error: unknown, attempt: number, schedule: readonly number[], clock: Clock): FailureDecision {
  if (isBusinessError(error)) return { action: 'report' };
  const wait = schedule[attempt - 1];
  if (wait === undefined) return { action: 'park' };
  return { action: 'retry', delay: scaled(clock, wait), nextAttempt: attempt + 1 };
}
