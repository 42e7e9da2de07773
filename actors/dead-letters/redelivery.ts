import type { Options } from 'amqplib';
import { republishProperties } from '../messaging/republish-properties.ts';
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
  return republishProperties(stored, kept);
}
