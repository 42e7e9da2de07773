import type { ConsumeMessage } from 'amqplib';
import type { Clock } from '../clock/clock.ts';
import { decodeMessage } from '../envelope/codec.ts';
import { isPastDeadline, type Envelope } from '../envelope/envelope.ts';
import { validateDataNow, type Validated } from '../envelope/validate.ts';
import { MalformedMessageError, SignatureError } from '../errors/errors.ts';
import type { ParkRecord } from '../messaging/park-record.ts';
import type { MessageSigner } from '../security/signing.ts';
import { actorName, entryFor, type ActorDefinition, type HandlerEntry } from './actor-definition.ts';

/** What the checks before a handler decide about a delivery (rule 6, rule 8). */
export type Admission =
  | { verdict: 'handle'; message: Envelope; entry: HandlerEntry }
  | { verdict: 'expired'; message: Envelope }
  | { verdict: 'park'; reason: ParkRecord['reason']; error: Error; message?: Envelope };

/**
 * Reads and checks a delivery: a valid signature, a readable envelope, a type the actor
 * handles, data that passes its schema, a deadline not passed. Never throws: whatever fails
 * is a reason to park. The signature comes first, so a forged body is never even parsed.
 */
export function admit(raw: ConsumeMessage, actor: ActorDefinition, clock: Clock, signer: MessageSigner): Admission | Promise<Admission> {
  const read = readSigned(raw, signer);
  if (!read.ok) return { verdict: 'park', reason: read.reason, error: read.error };
  const message = read.message;
  const entry = entryFor(actor, message);
  if (!entry) {
    return { verdict: 'park', reason: 'unknown-type', message, error: new MalformedMessageError(`${actorName(actor)} does not handle ${message.kind} ${message.type}`) };
  }
  if (!entry.schema) return admitValid(message, entry, clock);
  // No promise unless the schema needs one: every delivery passes here.
  const validated = validateDataNow(entry.schema, message.data);
  return validated instanceof Promise
    ? validated.then((v) => admitValidated(v, message, entry, clock))
    : admitValidated(validated, message, entry, clock);
}

/** A delivery read as a mailbox reads it: signature first (a forged body is never parsed), then the envelope. */
export type SignedRead =
  | { ok: true; message: Envelope }
  | { ok: false; reason: 'unsigned' | 'forged' | 'malformed'; error: Error };

/** The checks every consumer of the runtime makes first, a mailbox or an edge subscriber (`system.events`). */
export function readSigned(raw: Pick<ConsumeMessage, 'content' | 'properties'>, signer: MessageSigner): SignedRead {
  const signature = signer.verify(raw.content, raw.properties);
  if (!signature.ok) {
    const detail = signature.reason === 'unsigned' ? 'carries no signature' : 'has a signature that does not match its body and ids';
    return { ok: false, reason: signature.reason, error: new SignatureError(`message ${raw.properties.messageId ?? '(no id)'} ${detail}`) };
  }
  const decoded = decodeMessage(raw);
  if (!decoded.ok) return { ok: false, reason: 'malformed', error: new MalformedMessageError(decoded.reason) };
  return { ok: true, message: decoded.message };
}

function admitValidated(validated: Validated<unknown>, message: Envelope, entry: HandlerEntry, clock: Clock): Admission {
  if (!validated.ok) {
    const detail = validated.issues.map((i) => `${i.path || '(data)'}: ${i.message}`).join('; ');
    return { verdict: 'park', reason: 'invalid', message, error: new MalformedMessageError(`${message.type} data is invalid: ${detail}`) };
  }
  // A new envelope for the validated data, never an edit: the codec caches bodies by envelope.
  return admitValid({ ...message, data: validated.value as Envelope['data'] }, entry, clock);
}

function admitValid(admitted: Envelope, entry: HandlerEntry, clock: Clock): Admission {
  if (isPastDeadline(admitted, clock.now())) return { verdict: 'expired', message: admitted };
  return { verdict: 'handle', message: admitted, entry };
}
