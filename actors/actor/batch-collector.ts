import { setImmediate } from 'node:timers';

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Gathers items into batches of at most `size` and starts one batch at a time, in arrival
 * order. A batch is cut when the previous one finished or released its turn (or on the
 * next event-loop turn when idle), so under load batches fill up and when quiet a lone
 * item waits one turn. A batch releases its turn early by calling `release`: the
 * transactional executor does once its transaction committed, so the next batch's
 * transaction overlaps this one's wait for publish confirms, and transactions still run
 * one after the other, in order. With `concurrency` above 1 that many batches hold a turn at
 * once: their transactions overlap (one's commit with the next one's work), and the order
 * between batches is no longer kept.
 */
export class BatchCollector<T, R> {
  readonly #waiting: Array<Waiting<T, R>> = [];
  /** Batches holding a turn: each from its start until it finished or released it. */
  #running = 0;
  #scheduled = false;

  constructor(
    private readonly size: number,
    private readonly run: (items: T[], release: () => void) => Promise<R[]>,
    private readonly concurrency = 1,
  ) {}

  /** Resolves with the item's own result once its batch has run. */
  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#running >= this.concurrency || this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#next();
      });
    });
  }

  #next(): void {
    if (this.#running >= this.concurrency || this.#waiting.length === 0) return;
    this.#running += 1;
    const batch = this.#waiting.splice(0, this.size);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#running -= 1;
      this.#next();
    };
    this.run(batch.map((w) => w.item), release)
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(release);
  }
}
