import type { ActorDefinition } from './actor-definition.ts';

/** How one of an actor's queues is consumed: what the broker sends ahead, and what runs at once. */
export interface MailboxPlan {
  /** Messages handled in one transaction (1 without a database). */
  batchSize: number;
  /** Batch transactions that may run at once. */
  concurrentBatches: number;
  partitioned: boolean;
  /** Ordered per message key (`orderKey`) rather than by the whole queue. */
  keyed: boolean;
  /** Unacked deliveries the broker sends ahead (the channel's prefetch). */
  prefetch: number;
  /** Deliveries handed to the worker at once. */
  concurrency: number;
}

const defaultPrefetch = 50;
const defaultConcurrency = 10;

/**
 * The sizing of an actor's mailbox consumer, from its definition alone (pure). A batch's
 * deliveries stay unacked until its publishes are confirmed, so the prefetch holds the
 * batches holding a turn plus one more gathering: batch × (concurrentBatches + 1); a batch
 * that may join a running one only when full (see BatchCollector) could not fill with less.
 * A partitioned mailbox admits one batch at a time (its order is the point), and batches
 * are only for actors with a database.
 *
 * A keyed mailbox (`orderKey`, partitioned or not) keeps the order per key itself, so its
 * batches run at once: `concurrentBatches` of them, or unbatched `concurrency` batches of
 * one. Every delivery is handed to the worker at once, where a message waits for the
 * previous one of its key, not for a free handler.
 */
export function mailboxPlan(actor: Pick<ActorDefinition, 'batch' | 'concurrentBatches' | 'partitions' | 'prefetch' | 'concurrency' | 'orderKey'>, options: { database: boolean }): MailboxPlan {
  const batchSize = options.database ? Math.max(1, actor.batch ?? 1) : 1;
  const partitioned = (actor.partitions ?? 1) > 1;
  const keyed = actor.orderKey !== undefined;
  if (keyed) {
    const concurrentBatches = Math.max(1, batchSize <= 1 ? actor.concurrency ?? defaultConcurrency : actor.concurrentBatches ?? 1);
    const prefetch = Math.max(actor.prefetch ?? defaultPrefetch, batchSize * (concurrentBatches + 1));
    return { batchSize, concurrentBatches, partitioned, keyed, prefetch, concurrency: prefetch };
  }
  const concurrentBatches = partitioned || batchSize <= 1 ? 1 : Math.max(1, actor.concurrentBatches ?? 1);
  const inFlight = batchSize <= 1 ? 1 : batchSize * (concurrentBatches + 1);
  return {
    batchSize,
    concurrentBatches,
    partitioned,
    keyed,
    prefetch: Math.max(actor.prefetch ?? defaultPrefetch, inFlight),
    // Batches run in order, so a partition may take a batch's worth of messages at once and keep its order.
    concurrency: partitioned ? batchSize : Math.max(actor.concurrency ?? defaultConcurrency, inFlight),
  };
}
