/**
 * What one measured path of the runtime benchmark looks like. The raw amqplib baseline and
 * every runtime path implement it, so a new path (e.g. exactly-once through the Postgres
 * inbox/outbox) is one more file and one more entry in `runtime.bench.ts`.
 */
export interface BenchPath {
  /** Column label in the table, and the JSON key of its rate. */
  readonly name: string;
  /** Messages per round when it differs from the run's (a slow path may run fewer). */
  readonly messages?: number;
  /** Declares its topology and starts its consumer; called once before any round. */
  open(): Promise<void>;
  /**
   * Publishes `count` messages (pipelined, at most `window` unconfirmed) and resolves with
   * the milliseconds from the first publish until the consumer acked the last of them.
   */
  run(count: number): Promise<number>;
  /** Stops consuming and closes connections; the namespace is deleted by the caller. */
  close(): Promise<void>;
}

/** Shared by every path, so they are tuned alike. */
export interface BenchSettings {
  amqpUrl: string;
  /** Prefix of every broker name this run creates (`bench-<random>`). */
  namespace: string;
  /** Unacked messages the broker sends ahead to the consumer. */
  prefetch: number;
  /** Most publishes in flight (sent, not yet confirmed) at once. */
  window: number;
  /** Upper bound for one round; a slow broker fails the round instead of hanging. */
  roundTimeout: number;
}
