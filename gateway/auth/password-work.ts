import { LimitExceededError } from '../limit-exceeded.ts';
import { defaultIterations, hashPassword, iterationsOf, verifyPassword } from './passwords.ts';

export interface PasswordWorkOptions {
  /** PBKDF2 cost of new hashes (default `defaultIterations`); lower stored ones are re-hashed at login. */
  iterations?: number;
  /** Hashes computed at once (default 2: each takes a core for ~0.3 s). */
  maxConcurrent?: number;
  /** Hashes waiting for a turn; beyond, `503` with Retry-After (default 64). */
  maxWaiting?: number;
}

/**
 * Every password hash the edge computes (the common login, a landscape's sign-up) goes
 * through one of these: a bounded number run at once and a bounded number wait, so a
 * burst of logins cannot take every core (or queue unbounded memory) for seconds.
 */
export class PasswordWork {
  readonly iterations: number;
  readonly #maxConcurrent: number;
  readonly #maxWaiting: number;
  readonly #waiting: Array<() => void> = [];
  #running = 0;

  constructor(options: PasswordWorkOptions = {}) {
    this.iterations = options.iterations ?? defaultIterations;
    this.#maxConcurrent = options.maxConcurrent ?? 2;
    this.#maxWaiting = options.maxWaiting ?? 64;
  }

  hash(password: string): Promise<string> {
    return this.#turn(() => hashPassword(password, this.iterations));
  }

  verify(password: string, encoded: string): Promise<boolean> {
    return this.#turn(() => verifyPassword(password, encoded));
  }

  /** Hashes being computed now, and waiting for a turn. */
  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** A stored hash made with a lower cost than today's: re-hash it once the password is known to match. */
  needsRehash(encoded: string): boolean {
    const iterations = iterationsOf(encoded);
    return iterations !== undefined && iterations < this.iterations;
  }

  async #turn<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#maxConcurrent) {
      if (this.#waiting.length >= this.#maxWaiting) {
        throw new LimitExceededError(503, 'busy', 'too many logins are being checked at once; try again shortly', 1);
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running += 1;
    }
    try {
      return await work();
    } finally {
      // The turn passes straight to the next waiter (running stays the same), else it is given back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }
}
