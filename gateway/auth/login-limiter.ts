import { LimitExceededError } from '../limit-exceeded.ts';

export interface LoginLimits {
  /** Refused logins of one username per window before it answers 429 (default 5). */
  maxFailuresPerUser?: number;
  /** Refused logins from one client address per window (per login: common or a landscape's sign-up) before it answers 429 (default 30). */
  maxFailuresPerClient?: number;
  /** The window, ms, counted from a key's first refused login (default 60 s). */
  windowMs?: number;
  /** Only tests move it. */
  now?: () => number;
}

/** Keys held before expired ones are swept (and, if still more, the oldest dropped). */
const maxKeys = 100_000;

interface Window {
  failures: number;
  resetAt: number;
}

/**
 * Rate limits for logins, per username and per client address: once either has used up
 * its refused attempts in the current window, every attempt answers `429` with
 * `Retry-After` until the window ends, without checking the password (so a guess made
 * then is worth nothing, and costs no hash). A successful login clears its username's count.
 * Fixed windows in memory, per process: a bound against guessing, not an accounting.
 */
export class LoginLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #maxPerUser: number;
  readonly #maxPerClient: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(limits: LoginLimits = {}) {
    this.#maxPerUser = limits.maxFailuresPerUser ?? 5;
    this.#maxPerClient = limits.maxFailuresPerClient ?? 30;
    this.#windowMs = limits.windowMs ?? 60_000;
    this.#now = limits.now ?? Date.now;
  }

  /** Throws a 429 when `username` (in its issuer's `realm`) or `client` has no attempt left. */
  check(realm: string, username: string, client: string): void {
    const now = this.#now();
    for (const [key, max] of [[userKey(realm, username), this.#maxPerUser], [clientKey(realm, client), this.#maxPerClient]] as const) {
      const window = this.#current(key, now);
      if (window && window.failures >= max) {
        const seconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
        throw new LimitExceededError(429, 'too-many-logins', `too many refused logins; try again in ${seconds} s`, seconds);
      }
    }
  }

  failed(realm: string, username: string, client: string): void {
    const now = this.#now();
    for (const key of [userKey(realm, username), clientKey(realm, client)]) {
      const window = this.#current(key, now) ?? { failures: 0, resetAt: now + this.#windowMs };
      window.failures += 1;
      this.#windows.set(key, window);
    }
    if (this.#windows.size > maxKeys) this.#sweep(now);
  }

  succeeded(realm: string, username: string): void {
    this.#windows.delete(userKey(realm, username));
  }

  #current(key: string, now: number): Window | undefined {
    const window = this.#windows.get(key);
    if (window && window.resetAt <= now) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
    for (const key of this.#windows.keys()) {
      if (this.#windows.size <= maxKeys) break;
      this.#windows.delete(key);
    }
  }
}

const userKey = (realm: string, username: string) => `user\u0000${realm}\u0000${username}`;
const clientKey = (realm: string, client: string) => `client\u0000${realm}\u0000${client}`;
