import type { Message } from 'amqplib';
import { decodeMessage } from '../envelope/codec.ts';
import { headers } from '../envelope/headers.ts';
import type { DeadLetterTable, StoredProperties } from './dead-letter-table.ts';

/** A row of `dead_letters` as the office inserts it. */
export type NewDeadLetter = Omit<DeadLetterTable, 'id' | 'status' | 'recorded_at' | 'resolved_at' | 'resolved_by'>;

/** Headers with a column of their own: kept once, in the column. */
const columnHeaders = new Set<string>([
  headers.parkReason, headers.errorClass, headers.errorMessage, headers.errorStack,
  headers.originalQueue, headers.attempts, headers.parkedAt,
]);

/** What the broker's own `x-first-death-reason` means, for a person reading the list. */
const brokerReasons: Record<string, string> = {
  expired: 'it waited longer than its TTL or deadline allowed',
  maxlen: 'the mailbox was full and dropped its oldest message',
  delivery_limit: 'it was delivered too often without being settled (did a consumer crash?)',
  rejected: 'a consumer rejected it',
};

/**
 * Reads a delivery from a parked queue into a dead-letter row. Two kinds arrive: what a
 * mailbox worker parked (the `x-park-reason`, `x-error-*`, `x-original-queue` headers) and
 * what the broker dead-lettered itself (only its `x-death` / `x-first-death-*` headers).
 */
export async function readParkedDelivery(
  raw: Message,
  parkedQueue: string,
  actor: { landscape: string; service: string },
  now: number,
): Promise<NewDeadLetter> {
  const h = raw.properties.headers ?? {};
  const decoded = decodeMessage(raw);
  const envelope = decoded.ok ? jsonSafe(JSON.parse(new TextDecoder().decode(raw.content))) as { id: string; type: string } : null;
  const parkReason = text(h[headers.parkReason]);
  const brokerReason = text(h['x-first-death-reason']);
  const queue = text(h[headers.originalQueue]) ?? text(h['x-first-death-queue']) ?? parkedQueue.replace(/\.parked$/, '');
  const messageId = text(raw.properties.messageId) ?? envelope?.id ?? null;
  const parkedAt = Date.parse(text(h[headers.parkedAt]) ?? '');
  return {
    dedupe_key: await dedupeKey(raw, parkedQueue, messageId),
    message_id: messageId,
    queue,
    parked_queue: parkedQueue,
    landscape: actor.landscape,
    service: actor.service,
    type: text(raw.properties.type) ?? envelope?.type ?? null,
    reason: parkReason ?? brokerReason ?? 'unknown',
    error_class: text(h[headers.errorClass]) ?? null,
    error_message: text(h[headers.errorMessage])
      ?? (brokerReason ? `the broker dead-lettered it from ${queue}: ${brokerReasons[brokerReason] ?? brokerReason}` : null),
    error_stack: text(h[headers.errorStack]) ?? null,
    attempts: positive(h[headers.attempts]) ?? positive(h[headers.attempt]) ?? 1,
    parked_at: new Date(Number.isNaN(parkedAt) ? now : parkedAt),
    message: envelope,
    body: raw.content,
    properties: storedProperties(raw),
  };
}

/**
 * Identifies one parking of one message. A redelivery from the parked queue (say the ack
 * was lost) carries the same id and the same `x-retried-from`, so it finds the row; the same
 * message parked again after a retry carries the dead letter it was retried from, so it is
 * a new row. A body without a message id is told apart by its bytes and when it was parked.
 */
async function dedupeKey(raw: Message, parkedQueue: string, messageId: string | null): Promise<string> {
  const h = raw.properties.headers ?? {};
  const generation = text(h[headers.retriedFrom]) ?? '';
  if (messageId !== null) return `${parkedQueue}|id:${messageId}|${generation}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(raw.content)));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const parking = text(h[headers.parkedAt]) ?? JSON.stringify(jsonSafe(h['x-death'] ?? null));
  return `${parkedQueue}|body:${hex}@${parking}|${generation}`;
}

function storedProperties(raw: Message): StoredProperties {
  const p = raw.properties;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(p.headers ?? {})) if (!columnHeaders.has(key)) kept[key] = jsonSafe(value);
  const stored: StoredProperties = { headers: kept };
  for (const key of ['messageId', 'correlationId', 'type', 'appId', 'contentType', 'contentEncoding'] as const) {
    const value = text(p[key]);
    if (value !== undefined) stored[key] = value;
  }
  if (typeof p.timestamp === 'number') stored.timestamp = p.timestamp;
  if (typeof p.priority === 'number') stored.priority = p.priority;
  return stored;
}

/**
 * Values as Postgres can store them: a byte array (AMQP `x`) becomes its text, and NUL,
 * which neither `text` nor `jsonb` accepts, becomes U+FFFD. A parked message is often one
 * nobody could read, and it must still be recorded; its exact bytes are in `body`.
 */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'string') return withoutNul(value);
  if (value instanceof Uint8Array) return withoutNul(new TextDecoder().decode(value));
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), jsonSafe(v)]));
  }
  return value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return withoutNul(value);
  if (value instanceof Uint8Array && value.length > 0) return withoutNul(new TextDecoder().decode(value));
  return undefined;
}

function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

function positive(value: unknown): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}
