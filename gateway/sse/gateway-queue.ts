import type { ActorSystem } from '../../actors/mod.ts';

/** Enough to bridge a short reconnection of the gateway; beyond it the oldest events go. */
const maxQueued = 10_000;

/** `<namespace>.gateway.<random>`: one per gateway process, visible as such in the management UI. */
export function gatewayQueueName(system: ActorSystem): string {
  const local = `gateway.${crypto.randomUUID().slice(0, 8)}`;
  return system.names.namespace ? `${system.names.namespace}.${local}` : local;
}

/**
 * Declares the gateway's own event queue, bound to every mounted landscape's events
 * exchange with `#`. Exclusive and auto-delete: it lives exactly as long as this process's
 * connection, so it is declared again on every (re)connection through `onConnected`.
 * Classic and non-durable: live updates are a view, their loss costs a reload, not data.
 * The exchanges are declared too (same arguments as the runtime's): a landscape may be
 * served here while none of its services runs in this process.
 */
export async function declareGatewayQueue(system: ActorSystem, queue: string, landscapes: readonly string[], stillWanted: () => boolean): Promise<void> {
  await system.broker.onConnected(async (model) => {
    if (!stillWanted()) return;
    const channel = await model.createChannel();
    try {
      await channel.assertQueue(queue, {
        exclusive: true, autoDelete: true, durable: false,
        arguments: { 'x-queue-type': 'classic', 'x-max-length': maxQueued, 'x-overflow': 'drop-head' },
      });
      for (const landscape of landscapes) {
        const exchange = system.names.events(landscape);
        await channel.assertExchange(exchange, 'topic', { durable: true });
        await channel.bindQueue(queue, exchange, '#');
      }
    } finally {
      await channel.close().catch(() => {});
    }
  });
}
