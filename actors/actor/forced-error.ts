import type { Envelope } from '../envelope/envelope.ts';
import { BusinessError, TechnicalError } from '../errors/errors.ts';

/**
 * Forced errors for demos and tests (common spec): metadata `forceError` =
 * `<kind>@<landscape>.<service>` makes that service's handler fail. `technical` fails
 * the first attempt only; `technical-always` every attempt; `business` is a rule violation.
 */
export function forcedError(message: Envelope, actorName: string): Error | undefined {
  // An `Error` reports a failure and inherits the metadata of the message that failed: forced
  // to fail again, it would only echo (an actor reacting to errors would loop on its own).
  if (message.type === 'Error') return undefined;
  const value = message.metadata.forceError;
  if (typeof value !== 'string') return undefined;
  const [kind, target] = value.split('@');
  if (target !== actorName) return undefined;
  if (kind === 'business') return new BusinessError(`forced business error in ${actorName}`);
  if (kind === 'technical' && message.metadata.attempt === 1) return new TechnicalError(`forced technical error in ${actorName}`);
  if (kind === 'technical-always') return new TechnicalError(`forced technical error in ${actorName} (every attempt)`);
  return undefined;
}
