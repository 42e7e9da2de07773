import type { Options } from 'amqplib';
import { headers } from '../envelope/headers.ts';
import { withoutDeathHeaders } from '../messaging/park-record.ts';
import type { StoredProperties } from './dead-letter-table.ts';

/**
 * Headers a retried message must not carry: the parking record (it is parked no longer),
 * the attempt (it starts again at 1, with the whole retry schedule), the waiting-room
 * address and the broker's delivery count. The broker's death headers go too (see
 * `withoutDeathHeaders`). `x-original-exchange` / `-routing-key` stay: they say where the
 * message was first published, which a second parking should still tell.
 */
const droppedHeaders = new Set<string>([
  headers.parkReason, headers.errorClass, headers.errorMessage, headers.errorStack,
  headers.originalQueue, headers.attempts, headers.parkedAt,
  headers.attempt, headers.returnTo, 'x-delivery-count',
]);

/**
 * The properties to publish a dead letter again with: the ids, and so its signature,
 * unchanged; `x-retried-from` names the dead letter, so if it is parked again that is a
 * new dead letter rather than a duplicate of this one.
 */
export function redeliveryProperties(stored: StoredProperties, deadLetterId: string): Options.Publish {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(withoutDeathHeaders(stored.headers))) {
    if (!droppedHeaders.has(key)) kept[key] = value;
  }
  kept[headers.retriedFrom] = deadLetterId;
  const properties: Options.Publish = { headers: kept, persistent: true };
  if (stored.messageId !== undefined) properties.messageId = stored.messageId;
  if (stored.correlationId !== undefined) properties.correlationId = stored.correlationId;
  if (stored.type !== undefined) properties.type = stored.type;
  if (stored.appId !== undefined) properties.appId = stored.appId;
  if (stored.timestamp !== undefined) properties.timestamp = stored.timestamp;
  if (stored.contentType !== undefined) properties.contentType = stored.contentType;
  if (stored.contentEncoding !== undefined) properties.contentEncoding = stored.contentEncoding;
  if (stored.priority !== undefined) properties.priority = stored.priority;
  return properties;
}
