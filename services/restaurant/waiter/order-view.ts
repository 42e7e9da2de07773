import { flowOf, type ActorSystem } from '../../../actors/mod.ts';
import { orderProcessName } from '../process-manager/process-manager-actor.ts';
import type { StoredOrder } from './order-store.ts';
import { orderStatus } from './order-status.ts';

/** `GET /orders/<id>`: the document, its status, and the process manager's state. */
export async function orderView(system: ActorSystem, order: StoredOrder) {
  const instance = await system.describeInstance(orderProcessName, order.correlationId);
  const process = instance
    ? { machine: `${orderProcessName}@${instance.version}`, state: instance.state, status: instance.status, context: instance.context, timers: instance.timers }
    : null;
  return {
    ...order.document,
    correlationId: order.correlationId,
    status: orderStatus(order.status, instance?.state, order.document.dodgy),
    placedAt: order.placedAt.toISOString(),
    process,
  };
}

/** `GET /orders/<id>/messages`: every message of the order's flow once, in the order recorded. */
export async function orderMessages(system: ActorSystem, correlationId: string) {
  const rows = await flowOf(system.store!.runtimeDb, correlationId);
  const seen = new Set<string>();
  const messages = [];
  for (const row of rows) {
    if (seen.has(row.message_id)) continue;
    seen.add(row.message_id);
    messages.push({
      id: row.message_id, type: row.type, kind: row.kind, correlationId: row.correlation_id,
      causationId: row.causation_id, source: row.source, at: new Date(row.occurred_at).toISOString(),
    });
  }
  return messages;
}
