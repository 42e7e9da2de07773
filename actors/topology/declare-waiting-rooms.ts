import type { Channel } from 'amqplib';
import { delayLevelCount, levelBindingKey } from './delay-levels.ts';
import type { TopologyNames } from './names.ts';

/**
 * Declares the waiting rooms (rule 7): per level k a topic exchange and a queue with a
 * fixed TTL of 2^k ms that dead-letters to level k-1; level 0 hands over to the delivery
 * exchange, which returns each message to the queue named in its return-to header.
 */
export async function declareWaitingRooms(channel: Channel, names: TopologyNames): Promise<void> {
  const delivery = names.delayDelivery();
  await channel.assertExchange(delivery, 'headers', { durable: true });
  for (let level = 0; level < delayLevelCount; level++) {
    const exchange = names.delayLevel(level);
    const next = level === 0 ? delivery : names.delayLevel(level - 1);
    await channel.assertExchange(exchange, 'topic', { durable: true });
    await channel.assertQueue(exchange, {
      durable: true,
      arguments: { 'x-queue-type': 'classic', 'x-message-ttl': 2 ** level, 'x-dead-letter-exchange': next },
    });
    await channel.bindQueue(exchange, exchange, levelBindingKey(level, 1));
    await channel.bindExchange(next, exchange, levelBindingKey(level, 0));
  }
}

/** The entry of the waiting rooms: the highest level. */
export function waitingRoomEntry(names: TopologyNames): string {
  return names.delayLevel(delayLevelCount - 1);
}
