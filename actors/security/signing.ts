import { Buffer } from 'node:buffer';
import { headers } from '../envelope/headers.ts';
import type { Logger } from '../logging/logger.ts';
import { hmacSha256 } from './hmac-sha256.ts';

/**
 * Used when no `MESSAGE_SIGNING_KEY` is configured, so a local `npm start` works; every
 * process of a deployment must share the key, which this default does only on one machine.
 */
export const developmentSigningKey = 'actors-development-signing-key-do-not-use-in-production';

/** The properties the signature covers; amqplib's `MessageProperties` and `Options.Publish` fit. */
export interface SignedProperties {
  messageId?: string | undefined;
  type?: string | undefined;
  correlationId?: string | undefined;
  appId?: string | undefined;
  headers?: Record<string, unknown> | undefined;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'unsigned' | 'forged' };

/**
 * Signs and verifies messages on the wire (rule 15). Created once per system: the key is
 * imported once, and each call is one synchronous HMAC (no Web Crypto promise per message
 * on the hot path).
 */
export interface MessageSigner {
  /** The value of the `x-signature` header for this body and these properties. */
  sign(content: Uint8Array, properties: SignedProperties): string;
  /** Whether the delivery carries a signature, and whether it is this key's for this body and these properties. */
  verify(content: Uint8Array, properties: SignedProperties): SignatureCheck;
}

/**
 * HMAC-SHA256 over the ids a consumer or a person relies on and the body bytes:
 * messageId, type, correlationId, appId (the source actor), the causation id header, then
 * the body (which holds the whole envelope, so session, request, deadline and data are
 * covered through it). Left out on purpose: `x-attempt` and the waiting-room / parking
 * headers (the runtime rewrites them on retries and parking), the broker's `x-death`
 * headers, `expiration` and `timestamp` (dropped or derived on re-publish). So a retried,
 * parked or re-delivered copy of the same body and ids still verifies.
 */
export function createMessageSigner(key: string | Uint8Array): MessageSigner {
  if (key.length === 0) throw new RangeError('the message signing key must not be empty');
  const hmac = hmacSha256(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
  const sign = (content: Uint8Array, properties: SignedProperties): string => hmac(signedFields(properties), content);

  return {
    sign,
    verify(content, properties) {
      const given = signatureOf(properties.headers?.[headers.signature]);
      if (given === undefined) return { ok: false, reason: 'unsigned' };
      return sameText(sign(content, properties), given) ? { ok: true } : { ok: false, reason: 'forged' };
    },
  };
}

/**
 * Compares base64 texts in constant time (every character, whatever the first difference),
 * so timing tells nothing of how much of a forged signature was right. Comparing the texts
 * spares decoding the header into bytes on every delivery; the length is no secret.
 */
function sameText(expected: string, given: string): boolean {
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i += 1) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}

/**
 * Each field length-prefixed (absent = `~`), so moving characters from one field to the
 * next cannot keep a signature valid; `v1` lets the scheme change later.
 */
function signedFields(p: SignedProperties): string {
  const causation = p.headers?.[headers.causationId];
  return `v1|${field(p.messageId)}${field(p.type)}${field(p.correlationId)}${field(p.appId)}${field(typeof causation === 'string' ? causation : undefined)}`;
}

function field(value: string | undefined): string {
  return value === undefined ? '~|' : `${value.length}:${value}|`;
}

/** amqplib decodes a long string header as a string; a byte array is accepted too. */
function signatureOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (value instanceof Uint8Array && value.length > 0) return Buffer.from(value).toString('utf8');
  return undefined;
}

/**
 * The signer for a configured key; without one, the development default and a loud
 * `SEC-003` warning, since then anyone who read this file can forge messages.
 */
export function signerFromKey(key: string | undefined, logger: Logger): MessageSigner {
  if (key !== undefined && key !== '') return createMessageSigner(key);
  logger.warn({ code: 'SEC-003' }, 'MESSAGE_SIGNING_KEY is not set: messages are signed with the public development key; set it in every process of a deployment');
  return createMessageSigner(developmentSigningKey);
}
