import type { Channel } from 'amqplib';
import type { Clock } from '../clock/clock.ts';
import { headers } from '../envelope/headers.ts';
import { mailboxArguments, parkedQueueArguments, type MailboxOptions } from './mailbox-arguments.ts';
import type { TopologyNames } from './names.ts';

/** What the topology needs to know of an actor. */
export interface ActorTopology {
  landscape: string;
  service: string;
  commandTypes: readonly string[];
  eventTypes: readonly string[];
  mailbox: MailboxOptions;
  /** More than 1: a partitioned mailbox (rule 10). */
  partitions: number;
}

/**
 * Declares an actor's exchanges, mailbox (or its partitions), parked queue and bindings,
 * and returns the queues to consume. Idempotent: run again on every reconnection.
 */
export async function declareActor(channel: Channel, names: TopologyNames, actor: ActorTopology, clock: Clock): Promise<string[]> {
  const events = names.events(actor.landscape);
  const commands = names.commands(actor.landscape);
  const mailbox = names.mailbox(actor.landscape, actor.service);
  const parked = names.parked(mailbox);
  await channel.assertExchange(events, 'topic', { durable: true });
  await channel.assertExchange(commands, 'direct', { durable: true });
  await channel.assertQueue(parked, { durable: true, arguments: parkedQueueArguments });

  const partitioned = actor.partitions > 1;
  const entry = partitioned ? names.partitions(mailbox) : mailbox;
  const queues = partitioned ? range(actor.partitions).map((i) => names.partition(mailbox, i)) : [mailbox];
  const args = mailboxArguments(parked, actor.mailbox, clock, { singleActiveConsumer: partitioned });
  for (const queue of queues) {
    await channel.assertQueue(queue, { durable: true, arguments: args });
    await channel.bindQueue(queue, names.delayDelivery(), '', { 'x-match': 'all', [headers.returnTo]: queue });
  }

  if (partitioned) {
    // Hashes the partition key header, so one key always lands in one queue, in order.
    await channel.assertExchange(entry, 'x-consistent-hash', { durable: true, arguments: { 'hash-header': headers.partitionKey } });
    for (const queue of queues) await channel.bindQueue(queue, entry, '1');
  }
  const bind = (source: string, key: string) =>
    partitioned ? channel.bindExchange(entry, source, key) : channel.bindQueue(entry, source, key);
  for (const type of actor.eventTypes) await bind(events, type);
  if (actor.commandTypes.length > 0) await bind(commands, actor.service);
  return queues;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
