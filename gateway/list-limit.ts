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
  // Described as the integer it is (a query value is text on the wire; its digits are the number).
  return z.string().regex(/^\d+$/, message).transform(Number)
    .pipe(z.number().int(message).min(1, message).max(max, message))
    .default(options.fallback ?? max)
    .meta({ type: 'integer', minimum: 1, maximum: max, default: options.fallback ?? max });
}

/** A list route's query with only `limit` (unknown parameters are ignored, as they always were). */
export function limitQuery(options: { fallback?: number; max?: number } = {}) {
  return z.object({ limit: limitParam(options) });
}
