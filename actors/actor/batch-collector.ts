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
 * between batches is no longer kept. A batch joins a running one only when it is full: the
 * turns are for load, and a few items cut beside a running batch would take a turn (a
 * transaction and its commit) for little work, while the rest piled up behind them. A
 * partial batch waits for a turn of its own, so it starts at the latest when the running
 * ones release theirs. (In the runtime benchmark: 185 → 105 transactions for 85,000
 * messages, a third of the 185 under a hundred messages each.)
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
      if (this.#scheduled || !this.#mayCut()) return;
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#next();
      });
    });
  }

  /** A turn is free, and no batch runs or a full one waits (see the class). */
  #mayCut(): boolean {
    if (this.#running >= this.concurrency) return false;
    return this.#running === 0 || this.#waiting.length >= this.size;
  }

  /** Starts batches while a turn is free for one: after a release, two full ones may wait. */
  #next(): void {
    while (this.#waiting.length > 0 && this.#mayCut()) this.#start();
  }

  #start(): void {
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
