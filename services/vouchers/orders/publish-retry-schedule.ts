const minute = 60_000;

/**
 * Spec (Orders): publishing an order event is retried when the broker is unavailable or
 * refuses it — 5 retries, the first after 5 min, each delay ×5 (5, 25, 125, 625, 3125 min:
 * the last ≈ 52 h) — and then parked for a person. Business durations: scaled by TIME_SCALE.
 * The orders actor gives it to the runtime's outbox (`publishRetry`), which applies it.
 */
export const publishRetrySchedule: readonly number[] = [0, 1, 2, 3, 4].map((n) => 5 * minute * 5 ** n);
