import { HTTPException } from 'hono/http-exception';
import { problem, problemResponse } from './problem.ts';

/**
 * A request refused because a bound was reached, not because it was wrong: `429` (this
 * caller asked too often: login attempts, streams per user) or `503` (the process is at
 * capacity: password hashing). It carries its problem response with `Retry-After`, which
 * Hono (and the gateway's error handler) answer with, wherever it is thrown.
 */
export class LimitExceededError extends HTTPException {
  constructor(
    override readonly status: 429 | 503,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    const title = status === 429 ? 'Too many requests' : 'Service busy';
    super(status, { message, res: problemResponse(problem(code, status, title, message), { 'retry-after': String(retryAfterSeconds) }) });
    this.name = 'LimitExceededError';
  }
}
