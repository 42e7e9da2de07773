/**
 * Calls `send(0)`…`send(count - 1)` with at most `window` of them unresolved at once:
 * `window` lanes each start the next send when their previous one resolved.
 */
export async function pipelined(count: number, window: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await send(next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
}

/** Counts handled messages and resolves `reached` once `target` of them were seen. */
export class Countdown {
  #seen = 0;
  #target = 0;
  #resolve: (() => void) | undefined;
  reached: Promise<void> = Promise.resolve();

  /** Starts a new round: forgets earlier counts. */
  reset(target: number): void {
    this.#seen = 0;
    this.#target = target;
    this.reached = new Promise((resolve) => (this.#resolve = resolve));
  }

  hit(): void {
    this.#seen += 1;
    if (this.#seen === this.#target) this.#resolve?.();
  }
}

/** Rejects when `promise` has not settled after `ms`; the timer never keeps the process alive. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
