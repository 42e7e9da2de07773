import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { actOnDeadLetter, deadLetterCells, type DeadLetterAction } from '../shared/operations/dead-letter-actions.ts';
import { age, type DeadLetterView } from '../shared/operations/dead-letter-format.ts';
import { Poller } from '../shared/operations/poller.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { hasRole } from '../shared/session.ts';
import { vouchersStyles } from './styles.ts';
import type { PublicationView } from './views.ts';

type Letter = DeadLetterView & { landscape?: string };

/**
 * `<vouchers-parked>`: what waits for a person in this landscape (role ADMIN) — the
 * runtime's dead letters of the vouchers mailboxes (invalid messages, processing that
 * failed 3 times, messages past the mailbox TTL) with Retry / Discard, and the order events
 * the orders service parked after its last publish retry, with Retry.
 */
export class VouchersParked extends LitElement {
  static override properties = {
    letters: { state: true },
    publications: { state: true },
    outcome: { state: true },
    problem: { state: true },
  };

  static override styles = vouchersStyles;

  declare letters: Letter[];
  declare publications: PublicationView[];
  declare outcome: string | undefined;
  declare problem: string | undefined;

  readonly poller = new Poller(this, () => 2_000, () => this.#load());

  constructor() {
    super();
    this.letters = [];
    this.publications = [];
  }

  async #load(): Promise<void> {
    if (!hasRole('ADMIN')) return;
    try {
      const [letters, publications] = await Promise.all([
        api<Letter[]>('/api/admin/dead-letters?limit=500'),
        api<PublicationView[]>('/api/vouchers/publications?status=parked'),
      ]);
      // The office serves every landscape; this view is the vouchers landscape's part of it.
      this.letters = letters.filter((letter) => letter.landscape === 'vouchers');
      this.publications = publications;
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async #act(letter: Letter, action: DeadLetterAction): Promise<void> {
    const { done, outcome } = await actOnDeadLetter(letter, action);
    this.outcome = outcome;
    if (done) this.letters = this.letters.filter((l) => l.id !== letter.id);
    this.poller.refresh();
  }

  async #republish(publication: PublicationView): Promise<void> {
    try {
      await api(`/api/vouchers/publications/${encodeURIComponent(publication.id)}/retry`, { method: 'POST' });
      this.outcome = `Retried ${publication.type} of order ${publication.orderId}: published again`;
      this.publications = this.publications.filter((p) => p.id !== publication.id);
    } catch (error) {
      this.outcome = `Retry failed: ${problemText(error)}`;
    }
    this.poller.refresh();
  }

  override render() {
    if (!hasRole('ADMIN')) return html`<h2>Parked messages</h2><login-form username="admin"></login-form><p class="muted">Log in as an admin to see the parked messages.</p>`;
    const now = Date.now();
    return html`
      <h2>Parked messages <small>${this.letters.length + this.publications.length}</small></h2>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.outcome ? html`<p class="status" role="status">${this.outcome}</p>` : null}
      <table>
        <thead><tr><th>Parked</th><th>Where</th><th>Type</th><th>Reason</th><th>Error</th><th class="number">Attempts</th><th></th></tr></thead>
        ${this.letters.map((letter) => html`
          <tbody data-id=${letter.id} data-message-id=${letter.messageId ?? ''}>
            <tr>
              ${deadLetterCells(letter, now)}
              <td>
                <button type="button" @click=${() => this.#act(letter, 'retry')}>Retry</button>
                <button type="button" @click=${() => this.#act(letter, 'discard')}>Discard</button>
              </td>
            </tr>
          </tbody>`)}
        ${this.publications.map((publication) => html`
          <tbody data-publication-id=${publication.id}>
            <tr>
              <td title=${publication.parkedAt ?? ''}>${publication.parkedAt ? age(publication.parkedAt, now) : ''}</td>
              <td>publishing (orders)</td>
              <td>${publication.type}</td>
              <td>publish retries exhausted</td>
              <td>${publication.lastError ?? '—'}</td>
              <td class="number">${publication.attempts}</td>
              <td><button type="button" @click=${() => this.#republish(publication)}>Retry</button></td>
            </tr>
          </tbody>`)}
      </table>
      ${this.letters.length + this.publications.length === 0 ? html`<p class="muted">Nothing parked.</p>` : null}`;
  }
}
