import type { StreamedEvent } from './streamed-event.ts';

export type Outgoing = { streamed: StreamedEvent } | { comment: string };

/**
 * What waits to be written to one SSE client. Bounded: a client that cannot keep up is
 * cut off (with a comment saying so) rather than holding ever more memory; its
 * EventSource reconnects with `Last-Event-ID` and gets the rest from the replay buffer.
 */
export class OutgoingQueue {
  #items: Outgoing[] = [];
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  get closed(): boolean {
    return this.#closed;
  }

  push(item: Outgoing): void {
    if (this.#closed) return;
    if (this.#items.length >= this.limit) {
      this.#items = [{ comment: 'too far behind; reconnect with Last-Event-ID' }];
      this.close();
      return;
    }
    this.#items.push(item);
    this.#wakeUp();
  }

  /** No more items are taken; what is queued is still handed out. */
  close(): void {
    this.#closed = true;
    this.#wakeUp();
  }

  /** The next item; undefined once closed and empty. */
  async next(): Promise<Outgoing | undefined> {
    for (;;) {
      const item = this.#items.shift();
      if (item) return item;
      if (this.#closed) return undefined;
      await new Promise<void>((resolve) => { this.#wake = resolve; });
    }
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
