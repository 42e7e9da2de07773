import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A Lit element's stand-in for a ReactiveController under test: counts updates, connects and disconnects on demand. */
export class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController) { this.controllers.push(controller); }
  removeController() {}
  requestUpdate() { this.updates++; }
  updateComplete = Promise.resolve(true);
  connect() { for (const c of this.controllers) c.hostConnected?.(); }
  disconnect() { for (const c of this.controllers) c.hostDisconnected?.(); }
}
