import { LitElement, html } from 'lit';
import { ProblemError, SessionController, api, hasRole } from '../shared/index.ts';
import type { TransactionRow } from './bank-transactions.ts';
import { formatCents } from './money-format.ts';
import { bankStyles } from './styles.ts';

/**
 * `<bank-employee>`: a bank employee (user `bank.employee`) picks an IBAN — typed, or from
 * the newest transaction of every account — and watches its transactions live.
 */
export class BankEmployee extends LitElement {
  static override properties = { iban: { state: true }, latest: { state: true }, problem: { state: true } };
  static override styles = bankStyles;
  declare iban: string;
  declare latest: TransactionRow[];
  declare problem: string | undefined;

  constructor() {
    super();
    this.iban = '';
    this.latest = [];
  }

  /** Logged in or out: another view, and the accounts only an employee may load. */
  readonly session = new SessionController(this, () => void this.#loadLatest());

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadLatest();
  }

  async #loadLatest(): Promise<void> {
    if (!hasRole('BANK_EMPLOYEE')) return;
    try {
      this.latest = await api<TransactionRow[]>('/api/open-bank/transactions/latest');
      this.problem = undefined;
    } catch (error) {
      this.problem = error instanceof ProblemError ? `${error.status} ${error.message}` : String(error);
    }
  }

  override render() {
    if (!hasRole('BANK_EMPLOYEE')) {
      return html`<h2>Employee</h2><p class="muted">Log in as <code>bank.employee</code>.</p><login-form username="bank.employee"></login-form>`;
    }
    return html`<h2>Employee</h2>
      <login-form></login-form>
      <form id="pick" @submit=${(e: SubmitEvent) => { e.preventDefault(); this.iban = String(new FormData(e.target as HTMLFormElement).get('iban')).trim(); }}>
        <label>IBAN <input name="iban" list="ibans" .value=${this.iban} required></label>
        <datalist id="ibans">${this.latest.map((row) => html`<option value=${row.iban}>${formatCents(row.newBalance)}</option>`)}</datalist>
        <button type="submit">Show</button>
        <button type="button" @click=${() => this.#loadLatest()}>Refresh accounts</button>
      </form>
      ${this.problem ? html`<p class="problem">${this.problem}</p>` : null}
      ${this.iban ? html`<bank-transactions iban=${this.iban} max="10"></bank-transactions>` : html`<p class="muted">${this.latest.length} accounts with transactions.</p>`}`;
  }
}
