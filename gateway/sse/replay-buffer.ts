import type { Envelope } from '../../actors/mod.ts';

/**
 * The last `capacity` events of one landscape, in arrival order, so a reconnecting client
 * gets what it missed (`Last-Event-ID`). It also drops redeliveries: the gateway's queue
 * is at-least-once, and a client must not see one event twice.
 */
export class ReplayBuffer {
  readonly #events: Envelope[] = [];
  readonly #ids = new Set<string>();

  constructor(readonly capacity: number) {}

  /** Keeps the event; false when it is already held (a redelivery). */
  add(event: Envelope): boolean {
    if (this.#ids.has(event.id)) return false;
    this.#events.push(event);
    this.#ids.add(event.id);
    if (this.#events.length > this.capacity) this.#ids.delete(this.#events.shift()!.id);
    return true;
  }

  /** The events after the one with `id` (all without one); undefined when it is unknown or already evicted. */
  after(id?: string): Envelope[] | undefined {
    if (id === undefined) return [...this.#events];
    if (!this.#ids.has(id)) return undefined;
    return this.#events.slice(this.#events.findIndex((e) => e.id === id) + 1);
  }

  get size(): number {
    return this.#events.length;
  }
}
