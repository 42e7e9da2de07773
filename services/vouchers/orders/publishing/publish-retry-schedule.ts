const minute = 60_000;

/**
 * Spec (Orders): publishing an order event is retried when the broker is unavailable or
 * refuses it — 5 retries, the first after 5 min, each delay ×5 (5, 25, 125, 625, 3125 min:
 * the last ≈ 52 h) — and then parked for a person. Business durations: scaled by TIME_SCALE.
 */
export const publishRetrySchedule: readonly number[] = [0, 1, 2, 3, 4].map((n) => 5 * minute * 5 ** n);

/** What follows a failed publish attempt: when to try again, or park it. */
export type AfterFailedPublish = { retryAt: number } | { park: true };

/**
 * After the `failedAttempts`-th failed attempt (the first publish is attempt 1) at `now`:
 * wait `schedule[failedAttempts - 1]` (scaled), or park once the schedule is used up.
 */
export function afterFailedPublish(failedAttempts: number, now: number, scale: number, schedule = publishRetrySchedule): AfterFailedPublish {
  const delay = schedule[failedAttempts - 1];
  if (delay === undefined) return { park: true };
  return { retryAt: now + Math.max(0, Math.round(delay * scale)) };
}
