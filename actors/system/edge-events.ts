import { readSigned } from '../actor/admission.ts';
import type { Broker } from '../broker/broker.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { Logger } from '../logging/logger.ts';
import type { MessageSigner } from '../security/signing.ts';
import { declareEdgeQueue, edgeQueueName } from '../topology/declare-edge-queue.ts';
import type { TopologyNames } from '../topology/names.ts';

export interface EdgeSubscriptionOptions {
  /** The landscapes whose events it takes (all of each: routing key `#`). */
  landscapes: readonly string[];
  /** Names its queue, `<namespace>.<label>.<random>` (default `edge`). */
  label?: string;
  /** The queue's bound; beyond it the oldest events go (default 10,000). */
  maxQueued?: number;
  /**
   * Each admitted event, one at a time in the broker's order, with the landscape it was
   * published in. Acked before it runs: an edge's events are a view, not work.
   */
  handle: (event: Envelope, landscape: string) => void | Promise<void>;
}

export interface EdgeSubscription {
  readonly queue: string;
  /** Stops consuming; the exclusive queue goes with its consumer. */
  stop(): Promise<void>;
}

/**
 * The runtime's port for edge subscribers (rule 15 at the edge): a process that shows
 * events to people (a gateway's server-sent events) without being an actor. Its queue is
 * declared through `topology/` on every (re)connection, and each delivery is admitted as a
 * mailbox admits it: an unsigned or forged event (`SEC-004`, warning) or an unreadable one
 * is dropped, never handed on. Reached as `system.events`.
 */
export class EdgeEvents {
  constructor(
    private readonly broker: Broker,
    private readonly names: TopologyNames,
    private readonly signer: MessageSigner,
    private readonly logger: Logger,
  ) {}

  async subscribe(options: EdgeSubscriptionOptions): Promise<EdgeSubscription> {
    const queue = edgeQueueName(this.names, options.label ?? 'edge');
    const landscapeOf = new Map(options.landscapes.map((l) => [this.names.events(l), l]));
    const logger = this.logger.child({ component: 'edge-events', queue });
    let stopped = false;
    // Every (re)connection declares it again; a stopped subscription's hook does nothing.
    await this.broker.onConnected((model) => stopped ? Promise.resolve() : this.#declare(model, queue, options));
    const subscription = await this.broker.subscribe({
      queue, logger,
      // One at a time keeps the broker's order.
      prefetch: 100, concurrency: 1,
      handle: async (delivery) => {
        delivery.ack();
        const read = readSigned(delivery.raw, this.signer);
        if (!read.ok) {
          const { messageId, type } = delivery.raw.properties;
          if (read.reason === 'malformed') logger.warn({ reason: read.error.message, messageId }, 'unreadable event dropped');
          else logger.warn({ code: 'SEC-004', reason: read.reason, messageId, type }, `${read.reason} event dropped`);
          return;
        }
        const landscape = landscapeOf.get(delivery.raw.fields.exchange);
        if (landscape) await options.handle(read.message, landscape);
      },
    });
    return {
      queue,
      stop: async () => {
        stopped = true;
        await subscription.stop();
      },
    };
  }

  async #declare(model: Parameters<Parameters<Broker['onConnected']>[0]>[0], queue: string, options: EdgeSubscriptionOptions): Promise<void> {
    const channel = await model.createChannel();
    try {
      await declareEdgeQueue(channel, this.names, { queue, landscapes: options.landscapes, ...(options.maxQueued ? { maxQueued: options.maxQueued } : {}) });
    } finally {
      await channel.close().catch(() => {});
    }
  }
}
