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
    await channel.assertQueue(exchange, { durable: true, arguments: waitingRoomArguments(level, next) });
    await channel.bindQueue(exchange, exchange, levelBindingKey(level, 1));
    await channel.bindExchange(next, exchange, levelBindingKey(level, 0));
  }
}

/**
 * Quorum queues with at-least-once dead-lettering: a message leaves a waiting room only
 * once the next hop (or the mailbox it returns to) has taken it. Were the mailbox full,
 * it waits here instead of being dropped, which at-most-once dead-lettering would do.
 */
function waitingRoomArguments(level: number, next: string): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-message-ttl': 2 ** level,
    'x-dead-letter-exchange': next,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

/** The entry of the waiting rooms: the highest level. */
export function waitingRoomEntry(names: TopologyNames): string {
  return names.delayLevel(delayLevelCount - 1);
}
