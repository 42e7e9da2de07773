import { setImmediate } from 'node:timers';
import type { Channel, ConsumeMessage } from 'amqplib';

interface Unacked {
  raw: ConsumeMessage;
  handled: boolean;
}

/**
 * Acks one channel's deliveries in few frames. Every basic.ack costs the client a socket
 * write and a quorum queue a log entry, so instead of one frame per message, once per
 * event-loop turn the oldest run of handled deliveries goes as one `multiple` ack, and
 * any handled after a still-running one (handlers finish out of order) singly. A message
 * is still acked only after its handler finished, at most one loop turn later.
 */
export class AckBatcher {
  /** Every delivery of the channel not acked yet, oldest (lowest delivery tag) first. */
  readonly #unacked = new Map<number, Unacked>();
  #handled = 0;
  #scheduled = false;

  constructor(
    private readonly channel: Channel,
    /** False once the channel is no longer the subscription's: its deliveries come again anyway. */
    private readonly alive: () => boolean,
  ) {}

  delivered(raw: ConsumeMessage): void {
    this.#unacked.set(raw.fields.deliveryTag, { raw, handled: false });
  }

  /** The handler finished with `raw`: it is acked with the next flush. */
  ack(raw: ConsumeMessage): void {
    const entry = this.#unacked.get(raw.fields.deliveryTag);
    if (!entry || entry.handled) return;
    entry.handled = true;
    this.#handled += 1;
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Hands `raw` back to the broker now. */
  requeue(raw: ConsumeMessage): void {
    const entry = this.#unacked.get(raw.fields.deliveryTag);
    if (!entry) return;
    this.#forget(raw.fields.deliveryTag, entry);
    if (this.alive()) this.channel.nack(raw, false, true);
  }

  /** Sends every pending ack now. */
  flush(): void {
    this.#scheduled = false;
    if (this.#handled === 0) return;
    if (!this.alive()) {
      this.#unacked.clear();
      this.#handled = 0;
      return;
    }
    let last: ConsumeMessage | undefined;
    for (const [tag, entry] of this.#unacked) {
      if (!entry.handled) break;
      last = entry.raw;
      this.#forget(tag, entry);
    }
    // `multiple`: acks this delivery and every earlier one still unacked on the channel.
    if (last) this.channel.ack(last, true);
    if (this.#handled === 0) return;
    for (const [tag, entry] of this.#unacked) {
      if (!entry.handled) continue;
      this.channel.ack(entry.raw);
      this.#forget(tag, entry);
    }
  }

  #forget(tag: number, entry: Unacked): void {
    this.#unacked.delete(tag);
    if (entry.handled) this.#handled -= 1;
  }
}
