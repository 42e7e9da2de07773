import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../logging/logger.ts';
import { AckBatcher } from './ack-batcher.ts';

/** One message handed to a subscriber. */
export interface Delivery {
  readonly raw: ConsumeMessage;
  readonly queue: string;
  /**
   * Acks on the channel that delivered it (batched with others finished in the same
   * event-loop turn); if that channel died, the broker redelivers instead.
   */
  ack(): void;
  /** Hands the message back to the broker (counts towards the mailbox's delivery limit). */
  requeue(): void;
}

export interface SubscriptionOptions {
  queue: string;
  /** Unacked messages the broker sends ahead. */
  prefetch: number;
  /** Messages handled at the same time; 1 keeps the queue's order. */
  concurrency: number;
  handle(delivery: Delivery): Promise<void>;
  logger: Logger;
  /** Starts paused: no message is taken until `resume` (a mailbox an operator paused for every process). */
  paused?: boolean;
  /** Arguments of each `basic.consume`, asked again on every (re)subscription (a stream's offset to go on from). */
  consumeArguments?: () => Record<string, unknown>;
}

/**
 * Consumes one queue with a bounded number of handlers at once and acks only after the
 * handler finished. Reopened by the broker after a connection or channel loss.
 */
export class Subscription {
  #channel: Channel | undefined;
  /** Acks of the current channel's deliveries. */
  #acks: AckBatcher | undefined;
  #openedOn: ChannelModel | undefined;
  #consumerTag: string | undefined;
  #paused: boolean;
  #stopped = false;
  #running = 0;
  readonly #backlog: Delivery[] = [];
  readonly #idleWaiters: Array<() => void> = [];

  constructor(
    readonly options: SubscriptionOptions,
    private readonly onChannelLost: (subscription: Subscription) => void,
  ) {
    this.#paused = options.paused ?? false;
  }

  get queue(): string {
    return this.options.queue;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Messages being handled or waiting for a free handler. */
  get inFlight(): number {
    return this.#running + this.#backlog.length;
  }

  /** Opens a channel on a fresh connection and starts consuming (unless paused). */
  async open(model: ChannelModel): Promise<void> {
    if (this.#stopped || (this.#openedOn === model && this.#channel)) return;
    this.#openedOn = model;
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.options.logger.warn({ err: error, queue: this.queue }, 'consumer channel error'));
    channel.once('close', () => {
      if (this.#channel !== channel) return;
      this.#channel = undefined;
      this.#consumerTag = undefined;
      if (!this.#stopped) this.onChannelLost(this);
    });
    await channel.prefetch(this.options.prefetch);
    const acks = new AckBatcher(channel, () => this.#channel === channel);
    this.#channel = channel;
    this.#acks = acks;
    if (!this.#paused) await this.#consume(channel, acks);
  }

  /** Stops taking new messages; what was already delivered is still handled. */
  async pause(): Promise<void> {
    this.#paused = true;
    await this.#cancel();
  }

  async resume(): Promise<void> {
    this.#paused = false;
    if (this.#channel && this.#acks && !this.#consumerTag) await this.#consume(this.#channel, this.#acks);
  }

  /** Graceful stop: no new messages, in-flight handlers finish and ack, then the channel closes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#cancel();
    await this.idle();
    const channel = this.#channel;
    this.#channel = undefined;
    await channel?.close().catch(() => {});
  }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #consume(channel: Channel, acks: AckBatcher): Promise<void> {
    const reply = await channel.consume(this.queue, (raw) => {
      if (raw === null) {
        // The broker cancelled us (queue deleted): try again on a new channel.
        this.options.logger.warn({ queue: this.queue }, 'consumer cancelled by the broker');
        void channel.close().catch(() => {});
        return;
      }
      acks.delivered(raw);
      this.#accept(new ChannelDelivery(raw, this.queue, acks));
    }, this.options.consumeArguments ? { arguments: this.options.consumeArguments() } : {});
    this.#consumerTag = reply.consumerTag;
  }

  async #cancel(): Promise<void> {
    const channel = this.#channel;
    const tag = this.#consumerTag;
    this.#consumerTag = undefined;
    if (channel && tag) await channel.cancel(tag).catch(() => {});
  }

  #accept(delivery: Delivery): void {
    if (this.#running >= this.options.concurrency) {
      this.#backlog.push(delivery);
      return;
    }
    void this.#run(delivery);
  }

  // One async function rather than a `.catch().finally()` chain: fewer promises and closures per message.
  async #run(delivery: Delivery): Promise<void> {
    this.#running += 1;
    try {
      await this.options.handle(delivery);
    } catch (error) {
      // The handler pipeline itself failed (e.g. it could not park): let the broker try again.
      this.options.logger.error({ err: error, queue: this.queue }, 'delivery could not be settled; requeued');
      delivery.requeue();
    } finally {
      this.#running -= 1;
      const next = this.#backlog.shift();
      if (next) void this.#run(next);
      else if (this.#running === 0) {
        this.#acks?.flush(); // idle means acked too: stop() closes the channel next
        for (const resolve of this.#idleWaiters.splice(0)) resolve();
      }
    }
  }
}

/** A class, not an object of closures: one is made per message. */
class ChannelDelivery implements Delivery {
  constructor(
    readonly raw: ConsumeMessage,
    readonly queue: string,
    private readonly acks: AckBatcher,
  ) {}

  ack(): void {
    this.acks.ack(this.raw);
  }

  requeue(): void {
    this.acks.requeue(this.raw);
  }
}
