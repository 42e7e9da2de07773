import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SessionController } from '../session-controller.ts';

/**
 * Re-loads a component's data every `interval()` ms while the host is on the page and the
 * tab is visible (a hidden tab costs the server nothing), at once when it connects, becomes
 * visible or the user logs in or out. Loads never overlap: a refresh asked for during a load
 * runs right after it. `interval()` undefined = no timer (e.g. while a live stream drives it).
 */
export class Poller implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #bursts: Array<ReturnType<typeof setTimeout>> = [];
  #running: Promise<void> | undefined;
  #again = false;
  #connected = false;
  /** Logged in or out: what the host may show changed, and so does what it can load. */
  readonly #session: SessionController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly interval: () => number | undefined,
    private readonly load: () => Promise<void>,
  ) {
    this.host.addController(this);
    this.#session = new SessionController(host, () => this.refresh());
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    for (const burst of this.#bursts) clearTimeout(burst);
    this.#bursts = [];
  }

  /** Loads now (or right after the load under way), then keeps the rhythm. */
  refresh(): void {
    if (!this.#connected) return;
    clearTimeout(this.#timer);
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.load()
      .catch(() => {}) // the component shows its own errors; the rhythm goes on
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.refresh();
        } else this.#schedule();
      });
  }

  /**
   * Loads now and a few times shortly after: a stream shows a message as it is published,
   * before the actors it goes to have handled it, so what it changes shows a moment later.
   */
  burst(delays: readonly number[] = [0, 300, 1_000, 3_000]): void {
    for (const delay of delays) this.#bursts.push(setTimeout(() => this.refresh(), delay));
    if (this.#bursts.length > 40) this.#bursts.splice(0, this.#bursts.length - 40);
  }

  #schedule(): void {
    const interval = this.interval();
    if (!this.#connected || interval === undefined || document.visibilityState === 'hidden') return;
    this.#timer = setTimeout(() => this.refresh(), interval);
  }

  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.refresh();
    else clearTimeout(this.#timer);
  };
}
