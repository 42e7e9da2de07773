import { LimitExceededError } from '../limit-exceeded.ts';

export interface StreamBounds {
  /** Open streams of one principal, over all landscapes (default 16: a few tabs of a few components each). */
  perUser: number;
  /** Open streams of the process (default 1000). */
  total: number;
}

export const defaultStreamBounds: StreamBounds = { perUser: 16, total: 1_000 };

/**
 * Counts open streams per principal and in total: a stream beyond either bound is refused
 * with `429` and `Retry-After`, since each open stream holds a connection, a queue and a
 * timer for as long as the client likes.
 */
export class StreamLimits {
  readonly #perUser = new Map<string, number>();
  #total = 0;

  constructor(readonly bounds: StreamBounds = defaultStreamBounds) {}

  /** Takes a place for `principal`, or throws a 429; call the answer once the stream ends. */
  open(principal: string): () => void {
    const mine = this.#perUser.get(principal) ?? 0;
    if (mine >= this.bounds.perUser) {
      throw new LimitExceededError(429, 'too-many-streams', `at most ${this.bounds.perUser} open streams per user; close one first`, 5);
    }
    if (this.#total >= this.bounds.total) {
      throw new LimitExceededError(429, 'too-many-streams', `the server holds its maximum of ${this.bounds.total} open streams; try again shortly`, 5);
    }
    this.#perUser.set(principal, mine + 1);
    this.#total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= 1;
      const left = (this.#perUser.get(principal) ?? 1) - 1;
      if (left > 0) this.#perUser.set(principal, left);
      else this.#perUser.delete(principal);
    };
  }

  get total(): number {
    return this.#total;
  }
}
