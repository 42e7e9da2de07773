import type { BindingInfo, QueueInfo } from '../broker/management-api.ts';
import { escapeRegExp, hasCurrentArguments } from './mailbox-policy.ts';
import type { TopologyNames } from './names.ts';

/**
 * Where a mailbox's messages are now and where they go from this start on. A queue's
 * arguments and a partitioned mailbox's set of queues cannot change in place, so a start
 * that finds another layout than the actor declares routes new messages to the new queues
 * at once, and has the old ones drained (handled, in order) before the new ones are
 * consumed. Planned from what the broker holds, so a start that died halfway is finished
 * by the next.
 *
 * A partitioned mailbox: its entry `<mailbox>.partitions` (consistent hash on the
 * partition key) is bound to one partition set `<mailbox>.<n>-partitions` (consistent hash
 * again) bound to the queues `<mailbox>.<i>-of-<n>`. The entry hashes with jump consistent
 * hashing, and the broker renumbers its buckets when a binding goes: only removing the last
 * bucket leaves the other keys where they were. So the entry loses its old bindings from
 * the last one down to the first, gets the new set's binding after them, and then loses
 * the first: each key moves once, from older queues to newer ones, never back.
 */
export interface MailboxLayout {
  mailbox: string;
  partitioned: boolean;
  /** The queues consumed from now on. */
  live: string[];
  /** The live partition set (a partitioned mailbox). */
  partitionSet?: string;
  /**
   * A live queue of the same name that exists with old arguments (settings declared as
   * arguments, before the policies): drained, deleted and declared again. Meanwhile new
   * messages wait in `holding`.
   */
  rebuild?: string;
  /** Takes the arrivals while `rebuild` is re-created; drained after it. Present when it exists or is needed. */
  holding?: string;
  /** Queues of earlier layouts, drained stage after stage (the queues of one stage at once), then deleted. */
  drainStages: string[][];
  /** The entry's bindings to undo, in this order; the live set is bound before the last one goes. */
  entryUnbinds: BindingInfo[];
  /** Exchanges of earlier layouts, deleted once their queues are drained. */
  retiredExchanges: string[];
  /**
   * Names the waiting rooms may still return messages to (the `actors-return-to` header):
   * each leads to the mailbox's entry, so a retry scheduled before a change arrives after it.
   */
  returnAddresses: string[];
}

/** A queue that belongs to the mailbox (not its parked queue) but has a shape the runtime never gave it. */
export class UnexpectedQueueError extends Error {
  constructor(readonly queue: string, reason: string) {
    super(`queue ${queue} ${reason}`);
    this.name = 'UnexpectedQueueError';
  }
}

/** The names a mailbox's queues can have (now and in earlier layouts), for listing them on the broker. */
export function mailboxQueuePattern(mailbox: string): string {
  return `^${escapeRegExp(mailbox)}(\\.upgrading|\\.[0-9]+|\\.[0-9]+-of-[0-9]+)?$`;
}

/**
 * Decides the layout from the actor's partition count, the mailbox's queues found on the
 * broker and the bindings leaving its entry exchange (if it exists).
 */
export function planMailboxLayout(
  names: TopologyNames, mailbox: string, partitions: number, found: readonly QueueInfo[], entryBindings: readonly BindingInfo[],
): MailboxLayout {
  const partitioned = partitions > 1;
  const live = partitioned ? Array.from({ length: partitions }, (_, i) => names.partition(mailbox, i, partitions)) : [mailbox];
  const partitionSet = partitioned ? names.partitionSet(mailbox, partitions) : undefined;
  const holding = names.holding(mailbox);
  const layout: MailboxLayout = {
    mailbox, partitioned, live, ...(partitionSet ? { partitionSet } : {}),
    drainStages: [], entryUnbinds: [], retiredExchanges: [], returnAddresses: [],
  };

  const retired: string[] = [];
  for (const queue of found) {
    if (queue.name === holding) continue;
    if (!live.includes(queue.name)) retired.push(queue.name);
    else if (!hasCurrentArguments(queue.arguments, partitioned)) {
      if (partitioned) throw new UnexpectedQueueError(queue.name, `has arguments ${JSON.stringify(queue.arguments)}, which this runtime never declared for a partition`);
      layout.rebuild = queue.name;
    }
  }
  if (layout.rebuild || found.some((q) => q.name === holding)) layout.holding = holding;

  // What the entry leads to, apart from the live set, in the order its bindings go: last bucket first.
  const behindEntry = entryBindings.filter((b) => b.destination !== partitionSet).sort(byBucket).reverse();
  const queuesBehind = (binding: BindingInfo) => binding.destination_type === 'queue'
    ? retired.filter((q) => q === binding.destination)
    : retired.filter((q) => setOf(q) !== undefined && names.partitionSet(mailbox, setOf(q)!) === binding.destination);
  const reached = new Set(behindEntry.flatMap(queuesBehind));
  // Cut off from the entry already (a start that died halfway, the unpartitioned mailbox): older than what it still reaches.
  const orphans = retired.filter((q) => !reached.has(q));
  const stages = [
    orphans.filter((q) => q !== mailbox),
    orphans.filter((q) => q === mailbox),
    ...(partitioned ? behindEntry.map(queuesBehind) : [[...reached]]),
  ];
  layout.drainStages = stages.map((stage) => [...stage].sort()).filter((stage) => stage.length > 0);
  if (partitioned) layout.entryUnbinds = behindEntry;
  const sets = new Set([...retired.map(setOf).filter((n): n is number => n !== undefined && n !== partitions).map((n) => names.partitionSet(mailbox, n)),
    ...behindEntry.filter((b) => b.destination_type === 'exchange').map((b) => b.destination)]);
  layout.retiredExchanges = [...sets, ...(partitioned || entryBindings.length === 0 ? [] : [names.partitions(mailbox)])];
  // Retries carry the physical queue they came from; every such name leads to the entry.
  layout.returnAddresses = unique([mailbox, names.partitions(mailbox), holding, ...live, ...retired]);
  return layout;
}

/** The order in which a layout's queues lose their routes and are drained (the queue re-created last). */
export function drainOrder(layout: MailboxLayout): string[][] {
  return layout.rebuild ? [...layout.drainStages, [layout.rebuild]] : layout.drainStages;
}

/** The layout once nothing is left to migrate: what a reconnection declares again. */
export function steadyLayout(layout: MailboxLayout): MailboxLayout {
  return { ...layout, rebuild: undefined, holding: undefined, drainStages: [], entryUnbinds: [], retiredExchanges: [] };
}

/** The partition count in a partition queue's name (`<mailbox>.<i>-of-<n>`). */
function setOf(queue: string): number | undefined {
  const match = /\.[0-9]+-of-([0-9]+)$/.exec(queue);
  return match ? Number(match[1]) : undefined;
}

/**
 * The bucket order of an entry's bindings, as they were made: the runtime bound the queues
 * of the old layout in index order (`<mailbox>.0`, `.1`, …), a partition set one at a time.
 */
function byBucket(a: BindingInfo, b: BindingInfo): number {
  const index = (binding: BindingInfo) => Number(/\.([0-9]+)$/.exec(binding.destination)?.[1] ?? -1);
  return index(a) - index(b) || a.destination.localeCompare(b.destination);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
