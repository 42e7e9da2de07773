import { sql } from 'kysely';
import { defineActor, on, type Handles, type PersistentContext } from '../../../actors/mod.ts';
import { eventSchemas, landscape } from '../messages.ts';
import type { MonitorTables } from './monitor-tables.ts';

/**
 * The monitor for manual repair (the original's "solution 3"): a local copy of every event
 * of every order, so `GET /orders/<orderId>/events` shows one order's flow in order. A
 * redelivered message is recorded once (its id is the key).
 */
export const monitorService = defineActor({
  landscape,
  service: 'monitor',
  events: Object.fromEntries(Object.entries(eventSchemas).map(([type, schema]) => [type, on(schema, async (message, context) => {
    const { db } = context as PersistentContext<MonitorTables>;
    await db.insertInto('order_events').values({
      message_id: message.id,
      order_id: message.data.orderId,
      type: message.type,
      data: sql`${JSON.stringify(message.data)}::text::jsonb` as never,
      source: message.metadata.source,
      correlation_id: message.metadata.correlationId,
      causation_id: message.metadata.causationId ?? null,
      occurred_at: new Date(message.metadata.occurredAt),
    }).onConflict((oc) => oc.column('message_id').doNothing()).execute();
  })])) as Handles,
});
