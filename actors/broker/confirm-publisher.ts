import type { Buffer } from 'node:buffer';
import type { ConfirmChannel, Options } from 'amqplib';
import { PublishRejectedError, UnroutableError } from '../errors/errors.ts';
import { publicPublish, type ChannelPublish } from '../fast-paths/amqplib.ts';

export interface OutgoingFrame {
  exchange: string;
  routingKey: string;
  content: Buffer;
  properties: Options.Publish;
  /**
   * The broker must route it to at least one queue, or the publish is refused (AMQP
   * `mandatory`). Needs `properties.messageId`, which is how the return is matched.
   */
  mandatory?: boolean;
}

/** Holds the frame rather than spreading it (`{ ...frame, more }` is a slow path in V8, and this runs per publish). */
interface Pending {
  frame: OutgoingFrame;
  resolve(): void;
  reject(error: Error): void;
  /** How many channels died with this publish unconfirmed. */
  channelLosses: number;
}

/**
 * A channel that dies with a publish unconfirmed is usually the connection going away;
 * a publish that kills channel after channel (say, to an exchange that does not exist)
 * is refused after this many.
 */
const maxChannelLosses = 5;

/**
 * Publishes in flight (sent, not yet confirmed) on the channel at most; the rest wait in
 * line, in order. amqplib keeps a channel's unconfirmed publishes in one array and shifts
 * or splices it at every confirm, which past tens of thousands (an array too big for V8 to
 * trim in place) copies the whole array each time: a transaction emitting seven thousand
 * events, ten at once, spent 2 s of 12 s CPU there. A window of this size keeps every
 * confirm cheap and the pipe full (the runtime benchmark's own publishing used 1,000).
 */
export const defaultMaxInFlight = 2_000;

/**
 * Publishes with broker confirms. A publish resolves only once the broker confirmed it;
 * while there is no channel (the connection is recovering) publishes are held and sent,
 * with the same message ids, when a channel is attached again.
 */
export class ConfirmPublisher {
  #channel: ConfirmChannel | undefined;
  /** Waiting to be sent (no channel, or the window full), oldest first from `#heldStart`. */
  #held: Pending[] = [];
  #heldStart = 0;
  readonly #inFlight = new Set<Pending>();
  readonly #idleWaiters: Array<() => void> = [];
  /** Message ids the broker returned as unroutable; the confirm that follows each one refuses it. */
  readonly #returned = new Set<string>();
  /** An exchange the broker said does not exist when it closed the current channel (404). */
  #missingExchange: string | undefined;

  /** How publishes go out on the attached channel (see `fast-paths/amqplib.ts`). */
  #publishOn: ChannelPublish = publicPublish;

  constructor(
    private readonly onChannelLost: (channel: ConfirmChannel) => void,
    private readonly maxInFlight = defaultMaxInFlight,
    private readonly publisherFor: (channel: ConfirmChannel) => ChannelPublish = () => publicPublish,
  ) {}

  get attached(): boolean {
    return this.#channel !== undefined;
  }

  /** Publishes not yet confirmed, held or in flight. */
  get pending(): number {
    return this.#held.length - this.#heldStart + this.#inFlight.size;
  }

  attach(channel: ConfirmChannel): void {
    this.#channel = channel;
    this.#publishOn = this.publisherFor(channel);
    this.#missingExchange = undefined;
    // The close that follows is handled (an unhandled 'error' would crash). amqplib emits the
    // server's reason before the close: a publish to a missing exchange is refused for good.
    channel.on('error', (error: Error & { code?: number }) => {
      if (this.#channel === channel && error.code === 404) this.#missingExchange = /no exchange '([^']*)'/.exec(error.message)?.[1];
    });
    channel.once('close', () => this.#lose(channel));
    // A return always arrives before the confirm of the same publish, on the same channel.
    channel.on('return', (message: { properties: { messageId?: string } }) => {
      if (message.properties.messageId) this.#returned.add(message.properties.messageId);
    });
    this.#sendHeld();
  }

  publish(frame: OutgoingFrame): Promise<void> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { frame, resolve, reject, channelLosses: 0 };
      // Behind whatever waits already: publishes leave in the order they were made.
      if (this.#heldStart < this.#held.length || this.#inFlight.size >= this.maxInFlight) this.#hold(pending);
      else this.#send(pending);
    });
  }

  /** Resolves when nothing is held or in flight (graceful shutdown). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #hold(pending: Pending): void {
    this.#held.push(pending);
  }

  /** Sends what waits, oldest first, while the window has room. */
  #sendHeld(): void {
    while (this.#channel && this.#heldStart < this.#held.length && this.#inFlight.size < this.maxInFlight) {
      const pending = this.#held[this.#heldStart]!;
      this.#held[this.#heldStart++] = undefined as never; // an index, not shift(): the line can be long
      this.#send(pending);
    }
    if (this.#heldStart === this.#held.length) {
      this.#held = [];
      this.#heldStart = 0;
    }
  }

  #send(pending: Pending): void {
    const channel = this.#channel;
    if (!channel) {
      this.#hold(pending);
      return;
    }
    this.#inFlight.add(pending);
    try {
      const { exchange, routingKey, content, properties, mandatory } = pending.frame;
      // Set on the frame's own properties, not a spread copy: this runs per publish. Idempotent for a re-send.
      if (mandatory) properties.mandatory = true;
      this.#publishOn(channel, exchange, routingKey, content, properties, (error: unknown) => {
        if (!this.#inFlight.delete(pending)) return; // already moved back to held by a channel loss
        const returned = this.#wasReturned(pending);
        if (returned) pending.reject(new UnroutableError(`no queue is bound for ${describe(pending.frame)}`));
        else if (error === null || error === undefined) pending.resolve();
        else if (isNack(error)) pending.reject(new PublishRejectedError(`broker refused the publish to ${describe(pending.frame)}`));
        else {
          this.#lose(channel);
          this.#retryAfterChannelLoss(pending);
        }
        this.#sendHeld();
        this.#notifyIdle();
      });
    } catch {
      // The channel closed under us: this publish waits for the next one.
      this.#inFlight.delete(pending);
      this.#lose(channel);
      this.#retryAfterChannelLoss(pending);
    }
  }

  /** A dead channel is dropped once; what it had in flight waits for the next channel. */
  #lose(channel: ConfirmChannel): void {
    if (this.#channel !== channel) return;
    this.#channel = undefined;
    // What was in flight was sent before anything held: it goes to the front of the line, in order.
    const waiting = this.#held.slice(this.#heldStart);
    this.#held = [];
    this.#heldStart = 0;
    for (const pending of [...this.#inFlight]) {
      this.#inFlight.delete(pending);
      this.#retryAfterChannelLoss(pending);
    }
    this.#held = this.#held.concat(waiting);
    this.onChannelLost(channel);
  }

  /**
   * A publish to an exchange the broker said is missing is refused at once: sent again it
   * would close the next channel too, taking down every publish that travels with it.
   */
  #retryAfterChannelLoss(pending: Pending): void {
    if (this.#missingExchange !== undefined && pending.frame.exchange === this.#missingExchange) {
      pending.reject(new PublishRejectedError(`publish to ${describe(pending.frame)} refused: the exchange does not exist`));
      this.#notifyIdle();
      return;
    }
    pending.channelLosses += 1;
    if (pending.channelLosses > maxChannelLosses) {
      pending.reject(new PublishRejectedError(`publish to ${describe(pending.frame)} lost ${maxChannelLosses} channels; giving up`));
      this.#notifyIdle();
      return;
    }
    this.#send(pending);
  }

  #wasReturned(pending: Pending): boolean {
    const id = pending.frame.mandatory ? pending.frame.properties.messageId : undefined;
    return id !== undefined && this.#returned.delete(id);
  }

  #notifyIdle(): void {
    if (this.pending > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

function isNack(error: unknown): boolean {
  return error instanceof Error && error.message === 'message nacked';
}

function describe(frame: OutgoingFrame): string {
  return `${frame.exchange || '(default exchange)'} with routing key "${frame.routingKey}"`;
}
