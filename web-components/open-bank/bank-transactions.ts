import { LitElement, html } from 'lit';
import { ProblemError, SseController, api, type Envelope } from '../shared/index.ts';
import { formatCents } from './money-format.ts';
import { bankStyles } from './styles.ts';

/** A row as `GET /accounts/<iban>/transactions` answers it (and as built from a BalanceChanged). */
export interface TransactionRow {
  iban: string;
  changedBy: number;
  newBalance: number | string;
  fromTo: string;
  description: string;
  at: string;
}

const keyOf = (row: TransactionRow) => `${row.at}|${row.changedBy}|${row.newBalance}`;

/**
 * `<bank-transactions iban="…" max="10">`: an account's newest transactions, live. The
 * stream (`?iban=`) opens first and what it brings is merged with the fetched list, so a
 * change arriving while the list loads is neither lost nor shown twice.
 */
export class BankTransactions extends LitElement {
  static override properties = { iban: { type: String }, max: { type: Number }, rows: { state: true }, problem: { state: true } };
  static override styles = bankStyles;
  declare iban: string;
  declare max: number;
  declare rows: TransactionRow[];
  declare problem: string | undefined;
  #loadedFor: string | undefined;
  readonly #arrival = new Map<string, number>();
  #arrived = 0;

  readonly stream = new SseController(this, () => (this.iban ? `/api/open-bank/stream?iban=${encodeURIComponent(this.iban)}` : undefined), (message) => this.#changed(message));

  constructor() {
    super();
    this.iban = '';
    this.max = 10;
    this.rows = [];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('iban') && this.iban !== this.#loadedFor) void this.#load();
  }

  async #load(): Promise<void> {
    const iban = this.iban;
    this.#loadedFor = iban;
    this.rows = [];
    if (!iban) return;
    try {
      const fetched = await api<TransactionRow[]>(`/api/open-bank/accounts/${encodeURIComponent(iban)}/transactions?max=${this.max}`);
      if (iban !== this.iban) return;
      this.#merge(fetched, true);
      this.problem = undefined;
    } catch (error) {
      this.problem = error instanceof ProblemError ? `${error.status} ${error.message}` : String(error);
    }
  }

  #changed(message: Envelope): void {
    if (message.type !== 'BalanceChanged') return;
    const data = message.data as Omit<TransactionRow, 'at'>;
    if (data.iban !== this.iban) return;
    this.#merge([{ ...data, at: String(message.metadata.occurredAt) }]);
    this.dispatchEvent(new CustomEvent('balance-changed', { detail: data, bubbles: true, composed: true }));
  }

  /** Newest first by time; rows of the same millisecond by arrival (a fetched list arrives newest first, so reversed). */
  #merge(incoming: TransactionRow[], newestFirst = false): void {
    const byKey = new Map(this.rows.map((row) => [keyOf(row), row]));
    for (const row of newestFirst ? [...incoming].reverse() : incoming) {
      if (!byKey.has(keyOf(row))) this.#arrival.set(keyOf(row), this.#arrived++);
      byKey.set(keyOf(row), row);
    }
    const arrival = (row: TransactionRow) => this.#arrival.get(keyOf(row)) ?? 0;
    this.rows = [...byKey.values()].sort((a, b) => b.at.localeCompare(a.at) || arrival(b) - arrival(a)).slice(0, this.max);
  }

  override render() {
    return html`${this.problem ? html`<p class="problem">${this.problem}</p>` : null}
      <table>
        <thead><tr><th>When</th><th>From / to</th><th>Description</th><th>Amount</th><th>Balance</th></tr></thead>
        <tbody id="rows">${this.rows.map((row) => html`<tr data-direction=${row.changedBy < 0 ? 'DEBIT' : 'CREDIT'}>
          <td>${new Date(row.at).toLocaleTimeString('nl-NL')}</td>
          <td><code>${row.fromTo}</code></td>
          <td>${row.description}</td>
          <td class="amount ${row.changedBy < 0 ? 'debit' : 'credit'}">${formatCents(row.changedBy)}</td>
          <td class="amount">${formatCents(row.newBalance)}</td>
        </tr>`)}</tbody>
      </table>
      ${this.rows.length === 0 && !this.problem ? html`<p class="muted">No transactions yet.</p>` : null}
      ${this.stream.needsLogin ? html`<p class="muted live">Log in (Client or Employee) to follow new transactions live.</p>` : null}`;
  }
}
