import { sql } from 'kysely';
import type { Envelope } from '../../../actors/mod.ts';
import { deadlineOrders, type DeadlineOrdersContext } from '../landscape.ts';
import { eventTypes } from '../messages.ts';
import type { MonitorTables } from './monitor-tables.ts';

/**
 * The monitor for manual repair (the original's "solution 3"): a local copy of every event
 * of every order, so `GET /orders/<orderId>/events` shows one order's flow in order. A
 * redelivered message is recorded once (its id is the key).
 */
export const monitorActor = deadlineOrders.defineActor<MonitorTables>({
  service: 'monitor',
  // Bare handlers: the catalogue's schema of each event checks its data.
  events: Object.fromEntries(eventTypes.map((type) => [type, recordEvent])),
});

/** Every event of the landscape names its order. */
async function recordEvent(message: Envelope<string, { orderId: string }>, context: DeadlineOrdersContext<MonitorTables>): Promise<void> {
  await context.db.insertInto('order_events').values({
    message_id: message.id,
    order_id: message.data.orderId,
    type: message.type,
    data: sql`${JSON.stringify(message.data)}::text::jsonb` as never,
    source: message.metadata.source,
    correlation_id: message.metadata.correlationId,
    causation_id: message.metadata.causationId ?? null,
    occurred_at: new Date(message.metadata.occurredAt),
  }).onConflict((oc) => oc.column('message_id').doNothing()).execute();
}
