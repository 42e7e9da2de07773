import type { ActorSystem } from '../../../actors/mod.ts';
import { orderProcessName } from '../process-manager/process-manager-actor.ts';
import type { StoredOrder } from './order-store.ts';
import { orderMessages } from './order-messages.ts';
import { orderStatus } from './order-status.ts';

/** `GET /orders/<id>`: the document, its status, and the process manager's state. */
export async function orderView(system: ActorSystem, order: StoredOrder) {
  const instance = await system.operations.describeInstance(orderProcessName, order.correlationId);
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

/** `GET /orders/<id>/messages`: the order's messages as the spec tells its process (`order-messages.ts`). */
export async function orderMessagesOf(system: ActorSystem, correlationId: string) {
  return orderMessages(await system.operations.flowOf(correlationId));
}
