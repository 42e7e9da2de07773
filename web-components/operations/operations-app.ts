import { LitElement, css, html } from 'lit';
import { SessionController } from '../shared/session-controller.ts';
import { appStyles } from '../shared/styles.ts';
import { hasRole } from '../shared/session.ts';
import { readViewParams, writeViewParams, type ViewParams } from './view-params.ts';

/**
 * `<operations-app>`: the operations page — the admin's login, then the mailbox board, the
 * dead-letter office, a flow graph and a state-machine view, the last two chosen by
 * correlation id / machine and instance (kept in the URL). A dead letter's Flow button shows
 * its flow here.
 */
export class OperationsApp extends LitElement {
  static override properties = { view: { state: true } };

  static override styles = [appStyles, css`
    header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
    h1 { font-size: 1.3rem; margin: 0; }
    h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
    form { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: end; margin-bottom: 0.6rem; }
    label { display: flex; flex-direction: column; font-size: 0.8rem; color: #5b6475; }
    input { font: inherit; padding: 0.2rem 0.4rem; min-width: 14rem; }
    button { font: inherit; }
  `];

  declare view: ViewParams;

  constructor() {
    super();
    this.view = readViewParams(location.search);
  }

  /** Logging in or out changes what this shows. */
  readonly session = new SessionController(this);

  #show(changes: Partial<ViewParams>): void {
    this.view = { ...this.view, ...changes };
    history.replaceState(null, '', `${location.pathname}${writeViewParams(location.search, this.view)}`);
  }

  #submit(event: SubmitEvent, fields: Array<keyof ViewParams>): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.#show(Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '').trim()])));
  }

  override render() {
    const { correlationId, machine, instance, landscape } = this.view;
    return html`
      <header><h1>Operations</h1><login-form username="admin"></login-form></header>
      ${hasRole('ADMIN') ? null : html`<p>Log in as <code>admin</code> to operate the system.</p>`}
      <section><h2>Actors</h2><actor-board></actor-board></section>
      <section @show-flow=${(e: CustomEvent<{ correlationId: string }>) => {
        e.preventDefault(); // shown here, without reloading the page
        this.#show({ correlationId: e.detail.correlationId });
      }}>
        <h2>Dead-letter office</h2>
        <dead-letter-office></dead-letter-office>
      </section>
      <section>
        <h2>Flow</h2>
        <form class="flow" @submit=${(e: SubmitEvent) => this.#submit(e, ['correlationId', 'landscape'])}>
          <label>Correlation id <input name="correlationId" .value=${correlationId}></label>
          <label>Landscape (live stream) <input name="landscape" .value=${landscape}></label>
          <button type="submit">Show flow</button>
        </form>
        <flow-graph .correlationId=${correlationId || undefined} .landscape=${landscape || undefined}></flow-graph>
      </section>
      <section>
        <h2>State machine</h2>
        <form class="machine" @submit=${(e: SubmitEvent) => this.#submit(e, ['machine', 'instance'])}>
          <label>Machine <input name="machine" .value=${machine}></label>
          <label>Instance <input name="instance" .value=${instance}></label>
          <button type="submit">Show state machine</button>
        </form>
        <state-machine-view .machine=${machine || undefined} .instance=${instance || undefined} .landscape=${landscape || undefined}></state-machine-view>
      </section>`;
  }
}
