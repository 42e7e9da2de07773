import { Buffer } from 'node:buffer';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { onChannel } from '../broker/on-channel.ts';
import { wallClock, withTimeout } from '../clock/clock.ts';
import { readSigned } from '../actor/admission.ts';
import type { Broker } from '../broker/broker.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { Logger } from '../logging/logger.ts';
import type { MessageSigner } from '../security/signing.ts';
import { declareEdgeQueue, edgeQueueName } from '../topology/declare-edge-queue.ts';
import { bindReplayStream, declareReplayStream, isPreconditionFailed, type ReplayRetention } from '../topology/declare-replay-stream.ts';
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
   * published in (and, reading replay streams, its position in the landscape's stream).
   * Acked before it runs: an edge's events are a view, not work.
   */
  handle: (event: Envelope, landscape: string, position?: number) => void | Promise<void>;
  /**
   * Read the landscapes' replay streams (`actors.replay.<landscape>`, shared by every
   * replica and kept by the broker within `retention`) instead of a queue of this process's
   * own: every replica sees the same events in the same order, each at the same position,
   * and `history` reads what came before this subscription.
   */
  replay?: ReplayRetention;
}

/** An event of a replay stream, with its position there. */
export interface ReplayedEvent {
  event: Envelope;
  position: number;
}

export interface EdgeSubscription {
  readonly queue: string;
  /** Stops consuming; the exclusive queue goes with its consumer. */
  stop(): Promise<void>;
  /**
   * With `replay`: the admitted events the landscape's stream still holds from before the first
   * one this subscription handled, oldest first (what the live subscription never saw).
   */
  history?(landscape: string): Promise<ReplayedEvent[]>;
}

/** Published straight into a replay stream by a new reader, so it learns where its live reading starts. */
const markerHeader = 'x-actors-replay-marker';
const offsetHeader = 'x-stream-offset';
/** How long reading a stream's history may take before the resume is given up (live from there). */
const historyTimeout = 10_000;

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
    if (options.replay) return this.#followStreams(options, options.replay);
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
        const event = this.#admit(delivery.raw, logger);
        const landscape = landscapeOf.get(delivery.raw.fields.exchange);
        if (event && landscape) await options.handle(event, landscape);
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

  /** One reader per landscape stream, each starting where it attached and going on after a reconnection from the position it reached. */
  async #followStreams(options: EdgeSubscriptionOptions, retention: ReplayRetention): Promise<EdgeSubscription> {
    const logger = this.logger.child({ component: 'edge-events', replay: true });
    let stopped = false;
    await this.broker.onConnected(async (model) => {
      if (stopped) return;
      for (const landscape of options.landscapes) {
        const declared = await onChannel(model, (channel) => declareReplayStream(channel, this.names, landscape, retention)).catch((error: unknown) => {
          if (!isPreconditionFailed(error)) throw error;
          return undefined;
        });
        if (declared) continue;
        // Declared earlier with another retention: its arguments cannot change, so it is read as it is.
        logger.warn({ code: 'STREAM-001', stream: this.names.replayStream(landscape), bytes: retention.bytes },
          'the replay stream exists with another retention (STREAM_REPLAY_BYTES); it is kept as it is. Fix: the same STREAM_REPLAY_BYTES in every replica, or delete the stream to declare it anew');
        await onChannel(model, (channel) => bindReplayStream(channel, this.names, landscape));
      }
    });
    const readers = await Promise.all(options.landscapes.map(async (landscape) => {
      const stream = this.names.replayStream(landscape);
      let next: number | undefined;
      let markFirst!: (position: number) => void;
      const first = new Promise<number>((resolve) => { markFirst = resolve; });
      const subscription = await this.broker.subscribe({
        queue: stream, logger, prefetch: 200, concurrency: 1,
        consumeArguments: () => ({ [offsetHeader]: next ?? 'next' }),
        handle: async (delivery) => {
          delivery.ack();
          const position = positionOf(delivery.raw);
          if (next === undefined) markFirst(position);
          next = position + 1;
          if (delivery.raw.properties.headers?.[markerHeader]) return;
          const event = this.#admit(delivery.raw, logger);
          if (event) await options.handle(event, landscape, position);
        },
      });
      // The marker comes after whatever the reader is first given: from there on, everything is live.
      await this.broker.withChannel(async (channel) => {
        channel.sendToQueue(stream, Buffer.from('{}'), { messageId: crypto.randomUUID(), headers: { [markerHeader]: true } });
      });
      return { landscape, stream, subscription, first };
    }));
    return {
      queue: readers.map((r) => r.stream).join(','),
      stop: async () => {
        stopped = true;
        await Promise.all(readers.map((r) => r.subscription.stop()));
      },
      history: (landscape) => {
        const reader = readers.find((r) => r.landscape === landscape);
        if (!reader) return Promise.reject(new RangeError(`no replay stream of ${landscape} here`));
        return inTime(reader.first, `the first delivery of ${reader.stream}`).then((first) => this.#readBefore(reader.stream, first));
      },
    };
  }

  /** The admitted events of `stream` before `position`, read from its start on a channel of their own. */
  #readBefore(stream: string, position: number): Promise<ReplayedEvent[]> {
    if (position === 0) return Promise.resolve([]);
    return this.broker.withChannel(async (channel) => {
      await channel.prefetch(500);
      const found: ReplayedEvent[] = [];
      await inTime(new Promise<void>((done, reject) => {
        channel.consume(stream, (raw) => {
          if (raw === null) return done();
          channel.ack(raw);
          const at = positionOf(raw);
          if (at < position && !raw.properties.headers?.[markerHeader]) {
            const event = this.#admit(raw);
            if (event) found.push({ event, position: at });
          }
          // The one before `position` is the last wanted; past it (retention took it) there is nothing more.
          if (at >= position - 1) done();
        }, { arguments: { [offsetHeader]: 'first' } }).catch(reject);
      }), `reading the history of ${stream}`);
      return found;
    });
  }

  /** Admitted as a mailbox admits a delivery (rule 15); a dropped one is logged when a logger is given. */
  #admit(raw: ConsumeMessage, logger?: Logger): Envelope | undefined {
    const read = readSigned(raw, this.signer);
    if (read.ok) return read.message;
    const { messageId, type } = raw.properties;
    if (read.reason === 'malformed') logger?.warn({ reason: read.error.message, messageId }, 'unreadable event dropped');
    else logger?.warn({ code: 'SEC-004', reason: read.reason, messageId, type }, `${read.reason} event dropped`);
    return undefined;
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

function positionOf(raw: ConsumeMessage): number {
  return Number(raw.properties.headers?.[offsetHeader]);
}

/** `promise`, or a rejection after `historyTimeout` ms of real time: a resume waits that long at most, then goes live. */
function inTime<T>(promise: Promise<T>, what: string): Promise<T> {
  return withTimeout(wallClock, promise, historyTimeout, `${what} took over ${historyTimeout} ms`);
}

