import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sessionChanged } from './session-store.ts';

/**
 * Re-renders its host whenever this tab logs in or out (what a component shows often depends
 * on who is logged in), and runs `onChange` after, for a host that must also reload or forget
 * something. Listens only while the host is on the page.
 */
export class SessionController implements ReactiveController {
  readonly #onSessionChanged = () => {
    this.host.requestUpdate();
    this.onChange?.();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener(sessionChanged, this.#onSessionChanged);
  }

  hostDisconnected(): void {
    removeEventListener(sessionChanged, this.#onSessionChanged);
  }
}
