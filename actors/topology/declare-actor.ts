import type { Channel } from 'amqplib';
import { headers } from '../envelope/headers.ts';
import type { MailboxLayout } from './mailbox-layout.ts';
import { mailboxQueueArguments, parkedQueueArguments } from './mailbox-policy.ts';
import type { TopologyNames } from './names.ts';

/** What the topology needs to know of an actor. */
export interface ActorTopology {
  landscape: string;
  service: string;
  commandTypes: readonly string[];
  eventTypes: readonly string[];
  /** More than 1: a partitioned mailbox (rule 10). */
  partitions: number;
}

/**
 * Declares an actor's exchanges, parked queue, the live queues of its layout and the
 * routes into them: the events and commands it takes, and the waiting rooms' return
 * addresses. While a queue of the same name is being re-created, the routes lead to the
 * holding queue instead. Idempotent: a reconnection runs it again (with the steady layout).
 */
/** A landscape's events exchange (rule 3): topic, routing key = event type; answers its name. */
export async function declareEventsExchange(channel: Channel, names: TopologyNames, landscape: string): Promise<string> {
  const events = names.events(landscape);
  await channel.assertExchange(events, 'topic', { durable: true });
  return events;
}

export async function declareActor(channel: Channel, names: TopologyNames, actor: ActorTopology, layout: MailboxLayout): Promise<void> {
  const events = await declareEventsExchange(channel, names, actor.landscape);
  const commands = names.commands(actor.landscape);
  await channel.assertExchange(commands, 'direct', { durable: true });
  await channel.assertQueue(names.parked(layout.mailbox), { durable: true, arguments: parkedQueueArguments });

  const entry = mailboxEntry(names, layout);
  if (layout.partitioned && layout.partitionSet) {
    // Both hash the partition key header, so one key always lands in one queue, in order.
    const byKey = { durable: true, arguments: { 'hash-header': headers.partitionKey } };
    await channel.assertExchange(entry, 'x-consistent-hash', byKey);
    await channel.assertExchange(layout.partitionSet, 'x-consistent-hash', byKey);
    for (const queue of layout.live) {
      await channel.assertQueue(queue, { durable: true, arguments: mailboxQueueArguments(true) });
      await channel.bindQueue(queue, layout.partitionSet, '1');
    }
    // While the entry still leads to an earlier set, `retireRoutes` binds this one at its moment.
    if (layout.entryUnbinds.length === 0) await channel.bindExchange(layout.partitionSet, entry, '1');
  } else {
    await channel.assertQueue(entry, { durable: true, arguments: mailboxQueueArguments(false) });
  }

  const bind = (source: string, key: string, args?: Record<string, unknown>) =>
    layout.partitioned ? channel.bindExchange(entry, source, key, args) : channel.bindQueue(entry, source, key, args);
  for (const type of actor.eventTypes) await bind(events, type);
  if (actor.commandTypes.length > 0) await bind(commands, actor.service);
  for (const address of layout.returnAddresses) {
    await bind(names.delayDelivery(), '', { 'x-match': 'all', [headers.returnTo]: address });
  }
}

/**
 * Where the mailbox's messages are routed to: the consistent-hash exchange of a
 * partitioned mailbox, else its queue, or the holding queue while that is re-created.
 */
export function mailboxEntry(names: TopologyNames, layout: MailboxLayout): string {
  if (layout.partitioned) return names.partitions(layout.mailbox);
  return layout.rebuild ? layout.holding ?? names.holding(layout.mailbox) : layout.mailbox;
}
