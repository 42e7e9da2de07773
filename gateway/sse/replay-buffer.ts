import type { StreamedEvent } from './streamed-event.ts';

export interface ReplayBounds {
  /** Events kept (default 1000). */
  events: number;
  /** Their size in bytes (default 4 MiB): a few large events must not hold unbounded memory. */
  bytes: number;
}

export const defaultReplayBounds: ReplayBounds = { events: 1_000, bytes: 4 * 1024 * 1024 };

/**
 * The last events of one landscape, in arrival order, bounded in count and in bytes (the
 * oldest go first), so a reconnecting client gets what it missed (`Last-Event-ID`). It
 * also drops redeliveries: the gateway's queue is at-least-once, and a client must not
 * see one event twice.
 */
export class ReplayBuffer {
  readonly #events: StreamedEvent[] = [];
  readonly #ids = new Set<string>();
  #bytes = 0;
  #evicted = 0;

  constructor(readonly bounds: ReplayBounds = defaultReplayBounds) {}

  /** Keeps the event; false when it is already held (a redelivery). */
  add(streamed: StreamedEvent): boolean {
    if (this.#ids.has(streamed.event.id)) return false;
    this.#events.push(streamed);
    this.#ids.add(streamed.event.id);
    this.#bytes += streamed.bytes;
    while (this.#events.length > this.bounds.events || (this.#bytes > this.bounds.bytes && this.#events.length > 0)) {
      const evicted = this.#events.shift()!;
      this.#ids.delete(evicted.event.id);
      this.#bytes -= evicted.bytes;
      this.#evicted += 1;
    }
    return true;
  }

  /** The events after the one with `id` (all without one); undefined when it is unknown or already evicted. */
  after(id?: string): StreamedEvent[] | undefined {
    if (id === undefined) return [...this.#events];
    if (!this.#ids.has(id)) return undefined;
    return this.#events.slice(this.#events.findIndex((e) => e.event.id === id) + 1);
  }

  /** Whether the event with `id` is held. */
  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** How many events went for the bounds: none means it still holds everything since it started. */
  get evicted(): number {
    return this.#evicted;
  }

  get size(): number {
    return this.#events.length;
  }

  get bytes(): number {
    return this.#bytes;
  }
}
