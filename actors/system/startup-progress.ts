import { sleep, type Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { StartupCode } from './startup-error.ts';

/** What a start is waiting for; the health endpoint shows it (`waitingFor`). */
export interface Waiting {
  code: StartupCode;
  /** The thing waited for: `rabbitmq`, `postgres`, `topology-lock`, a queue's name. */
  for: string;
  message: string;
  since: string;
  attempts: number;
}

/**
 * The waiting side of a start: one log line with its code when a wait begins, then again
 * only as the waits double (attempts 2, 4, 8, …), so a long outage does not flood the log;
 * one line when what was waited for is there.
 */
export class StartupProgress {
  readonly #waits = new Map<string, Waiting>();

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly listener: (waiting: Waiting[]) => void = () => {},
  ) {}

  /** What the start waits for now (several drains run at once). */
  get waiting(): Waiting[] {
    return [...this.#waits.values()];
  }

  wait(code: StartupCode, what: string, message: string, detail: Record<string, unknown> = {}): void {
    const before = this.#waits.get(what);
    const attempts = (before?.attempts ?? 0) + 1;
    this.#waits.set(what, { code, for: what, message, since: before?.since ?? new Date(this.clock.now()).toISOString(), attempts });
    if ((attempts & (attempts - 1)) === 0) this.logger.warn({ code, waitingFor: what, attempts, ...detail }, message);
    this.listener(this.waiting);
  }

  /** `what` is there: its wait (if any) ends. */
  ready(what: string): void {
    const before = this.#waits.get(what);
    if (!before) return;
    this.#waits.delete(what);
    this.logger.info({ waitingFor: what, since: before.since }, `${what}: no longer waiting; start-up goes on`);
    this.listener(this.waiting);
  }

  /** The pause between two attempts of a wait, on the start's clock. */
  sleep(ms: number): Promise<void> {
    return sleep(this.clock, ms);
  }
}

/** Backoff between attempts: 250 ms doubling up to `max`. */
export function backoff(attempt: number, max = 5_000): number {
  return Math.min(max, 250 * 2 ** Math.min(attempt - 1, 10));
}

