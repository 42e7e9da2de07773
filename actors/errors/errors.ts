/**
 * One small hierarchy for the whole runtime. The class says what the runtime does
 * with a failure; the `code` maps to an HTTP status at the edge only.
 */
export abstract class ActorError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A rule was violated: an outcome, never retried (rule 6). The runtime reports it
 * to the originating session as an `Error` event.
 */
export class BusinessError extends ActorError {
  readonly code: string = 'business';
}

/** Input that does not fit the contract (400 at the edge). */
export class ValidationError extends BusinessError {
  override readonly code: string = 'validation';
  constructor(message: string, readonly issues: readonly ValidationIssue[] = []) {
    super(message);
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export class NotFoundError extends BusinessError {
  override readonly code: string = 'not-found';
}

export class ConflictError extends BusinessError {
  override readonly code: string = 'conflict';
}

/** Something outside the rules failed (I/O, a bug): retried on the actor's schedule. */
export class TechnicalError extends ActorError {
  readonly code: string = 'technical';
}

/** A message that cannot be read at all: bad JSON, unknown type, failed schema. Parked at once. */
export class MalformedMessageError extends ActorError {
  readonly code: string = 'malformed';
}

/**
 * A delivery without a valid signature (rule 15): not produced by a holder of the signing
 * key, or changed on the way. Parked at once, never read.
 */
export class SignatureError extends ActorError {
  readonly code: string = 'signature';
}

/** The broker refused a publish (e.g. a bounded mailbox is full): back-pressure. */
export class PublishRejectedError extends ActorError {
  readonly code: string = 'publish-rejected';
}

/** A command no queue is bound for: nobody would ever handle it, so the sender hears of it. */
export class UnroutableError extends PublishRejectedError {
  override readonly code: string = 'unroutable';
}

export function isBusinessError(error: unknown): error is BusinessError {
  return error instanceof BusinessError;
}

/** Anything thrown, as an Error, so logs and parking headers always have class and message. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}

/** The message's deadline passed before it could be handled (rule 8). */
export class DeadlineExpiredError extends ActorError {
  readonly code: string = 'deadline-expired';
}
