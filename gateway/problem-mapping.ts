import {
  BusinessError, ConflictError, NotFoundError, PublishRejectedError, UnroutableError, ValidationError,
} from '../actors/mod.ts';
import { HTTPException } from 'hono/http-exception';
import { problem, type Problem } from './problem.ts';

/** The actor system has not started yet (or is stopping): the request may be tried again soon. */
export class SystemUnavailableError extends Error {
  constructor(message = 'the services are not running yet') {
    super(message);
    this.name = 'SystemUnavailableError';
  }
}

export interface MappedProblem {
  body: Problem;
  headers: Record<string, string>;
  /** Not the client's fault: worth a log line with the stack. */
  unexpected: boolean;
}

/**
 * Error → HTTP status, at the edge only (ARCHITECTURE: codes map to HTTP status at the
 * edge). Subclasses are tested before their parents: Validation/NotFound/Conflict are
 * BusinessErrors, Unroutable is a PublishRejected.
 */
export function problemFor(error: unknown, requestId: string | undefined): MappedProblem {
  const expected = (body: Problem, headers: Record<string, string> = {}): MappedProblem => ({ body, headers, unexpected: false });
  if (error instanceof ValidationError) return expected(problem('validation', 400, 'Invalid request', error.message, error.issues));
  if (error instanceof NotFoundError) return expected(problem('not-found', 404, 'Not found', error.message));
  if (error instanceof ConflictError) return expected(problem('conflict', 409, 'Conflict', error.message));
  // Any other refused business rule means "not in this state": the common spec's 409
  // ("wrong state or conflict"); it lists no 422, and clients rely on the listed statuses.
  if (error instanceof BusinessError) return expected(problem(error.code, 409, 'Refused by a business rule', error.message));
  // Nobody handles the command, or a bounded mailbox pushes back: the request was fine,
  // the service cannot take it now.
  if (error instanceof UnroutableError) return expected(problem('unroutable', 503, 'Service unavailable', 'no service is running to handle this request'), { 'retry-after': '5' });
  if (error instanceof PublishRejectedError) return expected(problem('publish-rejected', 503, 'Service busy', 'the service is at capacity; try again shortly'), { 'retry-after': '1' });
  if (error instanceof SystemUnavailableError) return expected(problem('unavailable', 503, 'Service unavailable', error.message), { 'retry-after': '1' });
  // Raised by Hono's own middleware; only its client errors are the client's.
  if (error instanceof HTTPException && error.status < 500) {
    return expected(problem(`http-${error.status}`, error.status, error.message || 'Bad request', error.message || 'the request was refused'));
  }
  // Never the stack or the message of an unexpected error: they may reveal internals.
  const detail = `an unexpected error occurred${requestId ? `; quote request id ${requestId}` : ''}`;
  return { body: problem('internal', 500, 'Internal Server Error', detail), headers: {}, unexpected: true };
}
