import type { Channel } from 'amqplib';
import type { BindingInfo, ManagementApi } from '../broker/management-api.ts';
import { mailboxEntry } from './declare-actor.ts';
import { drainOrder, type MailboxLayout } from './mailbox-layout.ts';
import type { TopologyNames } from './names.ts';

/**
 * Moves a mailbox's routes to the layout's live queues, once `declareActor` made the new
 * routes: a partitioned mailbox's entry loses its earlier bindings from the last down and
 * gets the live partition set before the first goes (see mailbox-layout.ts); an
 * unpartitioned mailbox's entry exchange gets nothing any more; the queues of earlier
 * layouts lose their other routes. A message published in between may be routed both
 * ways (the inbox takes it once), never nowhere.
 */
export async function retireRoutes(api: ManagementApi, channel: Channel, names: TopologyNames, layout: MailboxLayout): Promise<void> {
  const entry = mailboxEntry(names, layout);
  if (layout.partitioned && layout.partitionSet && layout.entryUnbinds.length > 0) {
    const unbinds = layout.entryUnbinds;
    for (const binding of unbinds.slice(0, -1)) await unbind(channel, binding);
    await channel.bindExchange(layout.partitionSet, entry, '1');
    await unbind(channel, unbinds[unbinds.length - 1]!);
  }
  if (!layout.partitioned) {
    for (const binding of await api.bindingsTo('exchange', names.partitions(layout.mailbox))) await unbind(channel, binding);
  }
  // Their bindings from the entry and the partition sets stay: those exchanges are cut off (or rewired above) as a whole.
  const hashed = (source: string) => source === names.partitions(layout.mailbox) || source.startsWith(`${layout.mailbox}.`);
  const queues = [...drainOrder(layout).flat(), layout.holding].filter((q): q is string => q !== undefined && q !== entry);
  for (const queue of queues) {
    for (const binding of await api.bindingsTo('queue', queue)) {
      if (binding.source !== '' && !hashed(binding.source)) await unbind(channel, binding);
    }
  }
}

function unbind(channel: Channel, binding: BindingInfo): Promise<unknown> {
  return binding.destination_type === 'queue'
    ? channel.unbindQueue(binding.destination, binding.source, binding.routing_key, binding.arguments)
    : channel.unbindExchange(binding.destination, binding.source, binding.routing_key, binding.arguments);
}
