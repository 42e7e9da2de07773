import { z } from 'zod';

/** The most any list answers at once (common spec: lists are capped and honour `limit`). */
export const maxListLimit = 1_000;

/**
 * The `?limit=` of a list, as a field of a `validQuery` schema: an integer from 1 to `max`
 * (default `maxListLimit`), or `fallback` (default `max`) when absent; anything else
 * (`0`, `1.5`, `1e3`, `abc`) is a 400 at `query.limit`, never silently ignored. Digits
 * only before the number is read, so `1e3` or ` 5` are not quietly taken as numbers.
 */
export function limitParam(options: { fallback?: number; max?: number } = {}) {
  const max = options.max ?? maxListLimit;
  const message = `an integer from 1 to ${max}`;
  const fallback = options.fallback ?? max;
  // Anything but digits is refused before it is read as a number; described as the integer it is.
  return z.preprocess((value) => (typeof value === 'string' && !/^\d+$/.test(value) ? Number.NaN : value),
    z.coerce.number({ error: message }).int({ error: message, abort: true }).min(1, message).max(max, message))
    .default(fallback);
}

/** A list route's query with only `limit` (unknown parameters are ignored, as they always were). */
export function limitQuery(options: { fallback?: number; max?: number } = {}) {
  return z.object({ limit: limitParam(options) });
}
