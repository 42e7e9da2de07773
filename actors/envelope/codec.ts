import { Buffer } from 'node:buffer';
import { wallClock } from '../clock/clock.ts';
import { headers } from './headers.ts';
import type { Envelope, MessageKind, Metadata } from './envelope.ts';
import { isRecord } from './validate.ts';

/** What amqplib needs to publish one message. */
export interface EncodedMessage {
  content: Buffer;
  properties: PublishProperties;
}

export interface PublishProperties {
  messageId: string;
  correlationId: string;
  type: string;
  appId: string;
  timestamp: number;
  contentType: string;
  persistent: boolean;
  expiration?: string;
  headers: Record<string, unknown>;
}

/** The parts of a delivery the decoder reads (amqplib's `Message` fits). */
export interface RawDelivery {
  content: Uint8Array;
  properties: { headers?: Record<string, unknown> | undefined };
}

export type Decoded = { ok: true; message: Envelope } | { ok: false; reason: string };

/**
 * The body is the whole envelope as JSON; AMQP properties mirror its ids so the
 * management UI shows them (rule 2). The attempt travels in a header only, so the
 * body of a retried or parked message is byte for byte the one first published.
 */
export function encodeMessage(message: Envelope, now = wallClock.now()): EncodedMessage {
  const attempt = message.metadata.attempt;
  const properties: PublishProperties = {
    messageId: message.id,
    correlationId: message.metadata.correlationId,
    type: message.type,
    appId: message.metadata.source,
    timestamp: Math.floor(Date.parse(message.metadata.occurredAt) / 1000),
    contentType: 'application/json',
    persistent: true,
    headers: messageHeaders(message, attempt),
  };
  const expiration = brokerExpiration(message.metadata.deadline, now);
  if (expiration !== undefined) properties.expiration = expiration;
  return { content: Buffer.from(written.get(message) ?? writeBody(message)), properties };
}

/**
 * Bodies already written, by envelope, for the messages the outbox stored: it stores a
 * message's body as text, and the publish after commit sends the same text. One
 * `JSON.stringify` per message rather than two, and the broker gets byte for byte what the
 * outbox holds. An envelope is plain data nobody changes once emitted; the WeakMap forgets
 * it with the envelope. Only the outbox remembers (entries cost the collector work).
 */
const written = new WeakMap<Envelope, string>();

/** The body of `message` as JSON text, remembered for its publish (see `written`). */
export function bodyText(message: Envelope): string {
  let text = written.get(message);
  if (text === undefined) {
    text = writeBody(message);
    written.set(message, text);
  }
  return text;
}

/** The whole envelope but its attempt, which travels in a header. */
function writeBody(message: Envelope): string {
  // JSON leaves out an undefined field: cheaper than a rest copy without `attempt`.
  return JSON.stringify({ ...message, metadata: { ...message.metadata, attempt: undefined } });
}

/**
 * Only headers something reads: amqplib's header encoding is the costliest part of a
 * publish, so the kind (in the body, and told by the exchange) is not mirrored, and the
 * attempt is written only from the second on.
 */
function messageHeaders(message: Envelope, attempt: number): Record<string, unknown> {
  const m = message.metadata;
  const result: Record<string, unknown> = { [headers.partitionKey]: m.partitionKey ?? m.correlationId };
  if (attempt > 1) result[headers.attempt] = attempt;
  if (m.causationId !== undefined) result[headers.causationId] = m.causationId;
  if (m.sessionId !== undefined) result[headers.sessionId] = m.sessionId;
  if (m.requestId !== undefined) result[headers.requestId] = m.requestId;
  if (m.deadline !== undefined) result[headers.deadline] = m.deadline;
  if (m.traceparent !== undefined) {
    result[headers.traceparent] = m.traceparent;
    if (m.tracestate !== undefined) result[headers.tracestate] = m.tracestate;
  }
  return result;
}

/** The broker drops (dead-letters) a message whose deadline passes while it waits (rule 8). */
function brokerExpiration(deadline: string | undefined, now: number): string | undefined {
  if (deadline === undefined) return undefined;
  return String(Math.max(0, Date.parse(deadline) - now));
}

const utf8 = new TextDecoder();

/** Reads a delivery back into an envelope; never throws: a bad message is a reason to park. */
export function decodeMessage(delivery: RawDelivery): Decoded {
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(delivery.content)); // no copy of the body, unlike Buffer.from
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
  const problem = envelopeProblem(body);
  if (problem) return { ok: false, reason: problem };
  const envelope = body as Envelope;
  const attempt = Number(delivery.properties.headers?.[headers.attempt] ?? 1);
  // The parsed body is this call's own object: set the attempt in place rather than copy it twice.
  (envelope.metadata as Metadata).attempt = Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
  return { ok: true, message: envelope };
}

const kinds: readonly MessageKind[] = ['command', 'event'];

function envelopeProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'body is not a JSON object';
  if (typeof body.id !== 'string' || body.id === '') return 'id is missing';
  if (!kinds.includes(body.kind as MessageKind)) return `kind must be command or event, got ${JSON.stringify(body.kind)}`;
  if (typeof body.type !== 'string' || body.type === '') return 'type is missing';
  if (!isRecord(body.data)) return 'data must be an object';
  if (!isRecord(body.metadata)) return 'metadata must be an object';
  const m = body.metadata;
  if (typeof m.correlationId !== 'string') return 'metadata.correlationId is missing';
  if (typeof m.occurredAt !== 'string') return 'metadata.occurredAt is missing';
  if (typeof m.source !== 'string') return 'metadata.source is missing';
  if (m.deadline !== undefined && Number.isNaN(Date.parse(String(m.deadline)))) return 'metadata.deadline is not a timestamp';
  return undefined;
}
