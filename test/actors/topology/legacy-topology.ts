import type { Channel } from 'amqplib';
import { headers, systemClock } from '../../../actors/mod.ts';
import { asQueueArguments, mailboxSettings } from '../../../actors/topology/mailbox-policy.ts';
import type { TopologyNames } from '../../../actors/topology/names.ts';

/**
 * The topology as the runtime declared it before the mailbox policies: every setting as
 * a queue argument (which RabbitMQ never lets change) and partitions named `<mailbox>.<i>`.
 * Existing brokers have it; the upgrade tests start from it.
 */
export async function declareLegacyMailbox(
  channel: Channel, names: TopologyNames,
  actor: { landscape: string; service: string; commandTypes: string[]; partitions: number },
): Promise<string[]> {
  const commands = names.commands(actor.landscape);
  const mailbox = names.mailbox(actor.landscape, actor.service);
  const parked = names.parked(mailbox);
  await channel.assertExchange(names.events(actor.landscape), 'topic', { durable: true });
  await channel.assertExchange(commands, 'direct', { durable: true });
  await channel.assertExchange(names.delayDelivery(), 'headers', { durable: true });
  await channel.assertQueue(parked, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  const partitioned = actor.partitions > 1;
  const entry = partitioned ? names.partitions(mailbox) : mailbox;
  const queues = partitioned ? Array.from({ length: actor.partitions }, (_, i) => `${mailbox}.${i}`) : [mailbox];
  const args = {
    'x-queue-type': 'quorum',
    ...asQueueArguments(mailboxSettings(parked, {}, systemClock())),
    ...(partitioned ? { 'x-single-active-consumer': true } : {}),
  };
  for (const queue of queues) {
    await channel.assertQueue(queue, { durable: true, arguments: args });
    await channel.bindQueue(queue, names.delayDelivery(), '', { 'x-match': 'all', [headers.returnTo]: queue });
  }
  if (partitioned) {
    await channel.assertExchange(entry, 'x-consistent-hash', { durable: true, arguments: { 'hash-header': headers.partitionKey } });
    for (const queue of queues) await channel.bindQueue(queue, entry, '1');
    await channel.bindExchange(entry, commands, actor.service);
  } else {
    await channel.bindQueue(entry, commands, actor.service);
  }
  return queues;
}
