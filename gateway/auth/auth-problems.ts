import { HTTPException } from 'hono/http-exception';
import { problem, problemResponse } from '../problem.ts';

/**
 * 401 with the challenge RFC 6750 asks for; `invalidToken` says a token was sent but
 * refused (bad signature, expired), so a client knows to log in again.
 */
export function unauthorized(detail: string, invalidToken = false): Response {
  const challenge = invalidToken ? 'Bearer realm="milk-factory", error="invalid_token"' : 'Bearer realm="milk-factory"';
  return problemResponse(problem('unauthorized', 401, 'Unauthorized', detail), { 'www-authenticate': challenge });
}

export function forbidden(detail: string): Response {
  return problemResponse(problem('forbidden', 403, 'Forbidden', detail));
}

/**
 * Thrown by checks made inside a handler (`ownData`). It carries its problem response,
 * which Hono's default error handler answers with; the message is the detail, for an
 * error handler that builds its own body from it.
 */
export class ForbiddenError extends HTTPException {
  constructor(detail: string) {
    super(403, { message: detail, res: forbidden(detail) });
    this.name = 'ForbiddenError';
  }
}
