import { LitElement, html } from 'lit';
import { api } from '../api.ts';
import { hasRole } from '../session.ts';
import { mailboxRows, mailboxTotals, type Mailbox, type MailboxRow } from './mailbox-rows.ts';
import { Poller } from './poller.ts';
import { problemText } from './problem-text.ts';
import { operationsStyles } from './styles.ts';

/**
 * `<actor-board>`: every mailbox of the system (`GET /api/admin/actors`, every 2 s while
 * visible) with its counts, and a button to pause or resume consuming it.
 */
export class ActorBoard extends LitElement {
  static override properties = {
    mailboxes: { state: true },
    problem: { state: true },
    status: { state: true },
    busy: { state: true },
  };

  static override styles = operationsStyles;

  declare mailboxes: Mailbox[] | undefined;
  declare problem: string | undefined;
  declare status: string | undefined;
  /** The queue whose pause/resume is under way. */
  declare busy: string | undefined;

  readonly poller = new Poller(this, () => 2_000, () => this.#load());

  async #load(): Promise<void> {
    if (!hasRole('ADMIN')) {
      this.mailboxes = undefined;
      this.problem = undefined;
      return;
    }
    try {
      this.mailboxes = await api<Mailbox[]>('/api/admin/actors');
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async #toggle(row: MailboxRow): Promise<void> {
    this.busy = row.queue;
    try {
      const answer = await api<{ queue: string; paused: boolean }>(row.actionPath, { method: 'POST' });
      // The answer is the new state: show it now rather than at the next poll.
      this.mailboxes = this.mailboxes?.map((m) => (m.queue === answer.queue ? { ...m, paused: answer.paused } : m));
      this.status = `${answer.queue} ${answer.paused ? 'paused: its messages wait in the queue' : 'resumed'}`;
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
    } finally {
      this.busy = undefined;
      this.poller.refresh();
    }
  }

  override render() {
    if (!hasRole('ADMIN')) return html`<p class="muted">Log in as an admin to see the mailboxes.</p>`;
    const rows = mailboxRows(this.mailboxes ?? []);
    const totals = mailboxTotals(this.mailboxes ?? []);
    return html`
      <p class="summary">${totals.mailboxes} mailboxes · ${totals.ready} ready · ${totals.unacked ?? '–'} unacked · ${totals.paused} paused</p>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.status ? html`<p class="status" role="status">${this.status}</p>` : null}
      <table>
        <thead><tr>
          <th>Landscape</th><th>Service</th><th>Queue</th><th class="number">Consumers</th><th class="number">Ready</th>
          <th class="number">Unacked</th><th>State</th><th>Stage</th><th></th>
        </tr></thead>
        <tbody>${rows.map((row) => html`
          <tr data-queue=${row.queue} class=${row.attention ? 'attention' : ''}>
            <td>${row.landscape}</td><td>${row.service}</td><td><code>${row.queue}</code></td>
            <td class="number">${row.consumers}</td><td class="number">${row.readyText}</td><td class="number">${row.unackedText}</td>
            <td><span class="badge ${row.paused ? 'paused' : ''}">${row.paused ? 'paused' : 'running'}</span></td>
            <td>${row.stage}</td>
            <td><button type="button" ?disabled=${this.busy === row.queue} @click=${() => this.#toggle(row)}>${row.action === 'pause' ? 'Pause' : 'Resume'}</button></td>
          </tr>`)}
        </tbody>
      </table>
      ${this.mailboxes?.length === 0 ? html`<p class="muted">No mailboxes: this process runs no actors.</p>` : null}`;
  }
}
