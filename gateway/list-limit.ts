import type { Context } from 'hono';
import { ValidationError } from '../actors/mod.ts';

/** The most any list answers at once (common spec: lists are capped and honour `limit`). */
export const maxListLimit = 1_000;

/**
 * The `?limit=` of a list: an integer from 1 to `max` (default `maxListLimit`), or
 * `fallback` (default `max`) when absent; anything else is a 400, never silently ignored.
 */
export function listLimit(c: Context, options: { fallback?: number; max?: number } = {}): number {
  const max = options.max ?? maxListLimit;
  const text = c.req.query('limit');
  if (text === undefined) return options.fallback ?? max;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(limit) || limit < 1 || limit > max) {
    throw new ValidationError('limit is not valid', [{ path: 'query.limit', message: `an integer from 1 to ${max}` }]);
  }
  return limit;
}
