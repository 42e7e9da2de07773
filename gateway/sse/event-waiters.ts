import type { Envelope } from '../../actors/mod.ts';

interface Waiter {
  landscape: string;
  match(event: Envelope): boolean;
  resolve(event: Envelope | undefined): void;
}

/** Waiting requests at once; beyond, a long poll answers at once (the caller reads the state as it is). */
const maxWaiters = 10_000;

/**
 * Requests waiting for an event (`GET /transfers/<id>?waitMs=`, a sign-up waiting for its
 * account): the hub offers them every verified event of their landscape as it arrives, so
 * a waiting request costs no database reads until its event came (or its time is up),
 * instead of one poll every few milliseconds each.
 */
export class EventWaiters {
  readonly #waiters = new Set<Waiter>();

  /**
   * The first event of `landscape` that `match`es, or undefined after `timeoutMs` (or when
   * `signal` aborts, or the gateway closes). Call it BEFORE reading the state the event
   * would change, then read: an event between the two is not missed.
   */
  next(landscape: string, match: (event: Envelope) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<Envelope | undefined> {
    if (this.#waiters.size >= maxWaiters || signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const finish = (event: Envelope | undefined) => {
        this.#waiters.delete(waiter);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(event);
      };
      const waiter: Waiter = { landscape, match, resolve: finish };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  offer(landscape: string, event: Envelope): void {
    for (const waiter of this.#waiters) {
      if (waiter.landscape !== landscape) continue;
      let matched = false;
      try {
        matched = waiter.match(event);
      } catch {
        // a waiter's predicate must not break the hub
      }
      if (matched) waiter.resolve(event);
    }
  }

  close(): void {
    for (const waiter of [...this.#waiters]) waiter.resolve(undefined);
  }

  get size(): number {
    return this.#waiters.size;
  }
}
