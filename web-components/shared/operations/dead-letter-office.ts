import { LitElement, html } from 'lit';
import { api } from '../api.ts';
import { hasRole } from '../session.ts';
import { actOnDeadLetter, deadLetterCells, type DeadLetterAction } from './dead-letter-actions.ts';
import { correlationOf, deadLettersPath, flowLink, messageText, suggestions, type DeadLetterView } from './dead-letter-format.ts';
import { Poller } from './poller.ts';
import { problemText } from './problem-text.ts';
import { operationsStyles } from './styles.ts';

/**
 * `<dead-letter-office>`: the parked messages (`GET /api/admin/dead-letters?queue=&type=`,
 * every 5 s and after each action), filterable by queue and type; a row expands to the
 * message's JSON and offers Retry (re-delivered once to its queue) and Discard. A row's
 * Flow link fires `show-flow` with the message's correlation id; unless a listener cancels
 * it, the link opens this page with `?correlationId=`.
 */
export class DeadLetterOffice extends LitElement {
  static override properties = {
    letters: { state: true },
    queue: { state: true },
    type: { state: true },
    expanded: { state: true },
    outcome: { state: true },
    problem: { state: true },
  };

  static override styles = operationsStyles;

  declare letters: DeadLetterView[] | undefined;
  declare queue: string;
  declare type: string;
  declare expanded: Set<string>;
  declare outcome: string | undefined;
  declare problem: string | undefined;
  /** Every queue and type seen, for the filters' suggestions (the filtered list alone would narrow them). */
  #seen: DeadLetterView[] = [];

  readonly poller = new Poller(this, () => 5_000, () => this.#load());

  constructor() {
    super();
    this.queue = '';
    this.type = '';
    this.expanded = new Set();
  }

  async #load(): Promise<void> {
    if (!hasRole('ADMIN')) return;
    try {
      this.letters = await api<DeadLetterView[]>(deadLettersPath({ queue: this.queue, type: this.type }));
      this.#seen = [...this.letters, ...this.#seen].slice(0, 500);
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async #act(letter: DeadLetterView, action: DeadLetterAction): Promise<void> {
    const { done, outcome } = await actOnDeadLetter(letter, action);
    this.outcome = outcome;
    if (done) this.letters = this.letters?.filter((l) => l.id !== letter.id);
    this.poller.refresh();
  }

  #filter(field: 'queue' | 'type', value: string): void {
    this[field] = value;
    this.poller.refresh();
  }

  #toggle(id: string): void {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.expanded = expanded;
  }

  /** A page that handles `show-flow` (cancelling it) shows the flow in place; elsewhere the link is followed. */
  #showFlow(click: Event, letter: DeadLetterView): void {
    const correlationId = correlationOf(letter);
    const event = new CustomEvent('show-flow', { detail: { correlationId }, bubbles: true, composed: true, cancelable: true });
    if (correlationId && !this.dispatchEvent(event)) click.preventDefault();
  }

  override render() {
    if (!hasRole('ADMIN')) return html`<p class="muted">Log in as an admin to see the parked messages.</p>`;
    const now = Date.now();
    return html`
      <p class="summary">${this.letters?.length ?? 0} parked</p>
      <form class="filters" @submit=${(e: Event) => e.preventDefault()}>
        <label>Queue <input name="queue" list="queues" .value=${this.queue} @change=${(e: Event) => this.#filter('queue', (e.target as HTMLInputElement).value)}></label>
        <label>Type <input name="type" list="types" .value=${this.type} @change=${(e: Event) => this.#filter('type', (e.target as HTMLInputElement).value)}></label>
        <datalist id="queues">${suggestions(this.#seen, 'queue').map((q) => html`<option value=${q}></option>`)}</datalist>
        <datalist id="types">${suggestions(this.#seen, 'type').map((t) => html`<option value=${t}></option>`)}</datalist>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.outcome ? html`<p class="status" role="status">${this.outcome}</p>` : null}
      <table>
        <thead><tr><th>Parked</th><th>Queue</th><th>Type</th><th>Reason</th><th>Error</th><th class="number">Attempts</th><th></th></tr></thead>
        ${(this.letters ?? []).map((letter) => html`
          <tbody data-id=${letter.id} data-message-id=${letter.messageId ?? ''}>
            <tr>
              ${deadLetterCells(letter, now)}
              <td class="actions">
                <button type="button" @click=${() => this.#toggle(letter.id)}>${this.expanded.has(letter.id) ? 'Hide' : 'Show'}</button>
                <button type="button" @click=${() => this.#act(letter, 'retry')}>Retry</button>
                <button type="button" @click=${() => this.#act(letter, 'discard')}>Discard</button>
                ${correlationOf(letter) ? html`<a class="flow" href=${flowLink(location.search, correlationOf(letter)!)} @click=${(e: Event) => this.#showFlow(e, letter)}>Flow</a>` : null}
              </td>
            </tr>
            ${this.expanded.has(letter.id) ? html`<tr><td colspan="7"><pre class="message">${messageText(letter)}</pre></td></tr>` : null}
          </tbody>`)}
      </table>
      ${this.letters?.length === 0 ? html`<p class="muted">Nothing parked${this.queue || this.type ? ' that matches the filters' : ''}.</p>` : null}`;
  }
}
