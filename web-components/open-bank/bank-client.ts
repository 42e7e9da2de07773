import { LitElement, html } from 'lit';
import { ProblemError, SessionController, api, currentUser } from '../shared/index.ts';
import { loginClient, logoutClient, storedClient, type BankClient } from './client-session.ts';
import { companyIban } from './company.ts';
import { formatCents, parseEuros } from './money-format.ts';
import { bankStyles } from './styles.ts';

/** The deposit buttons of the spec, cents. */
const deposits = [1000, 2000, 5000, 10000, 20000];

interface Outcome {
  id: string;
  status: 'pending' | 'confirmed' | 'failed';
  reason?: string;
}

/**
 * `<bank-client>`: log in (the first login opens the account), deposit cash with one
 * click, transfer with the failure reason shown, and the own last 10 transactions live.
 */
export class BankClientView extends LitElement {
  static override properties = { client: { state: true }, balance: { state: true }, outcome: { state: true }, problem: { state: true }, busy: { state: true } };
  static override styles = bankStyles;
  declare client: BankClient | undefined;
  declare balance: number | string | undefined;
  declare outcome: string | undefined;
  declare problem: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    // A client of this tab whose session is gone (logged out elsewhere, token expired) logs in again.
    this.client = currentUser()?.partnerId ? storedClient() : undefined;
    this.busy = false;
  }

  /** Logged out (here or by another component): the client logs in again. */
  readonly session = new SessionController(this, () => {
    if (!currentUser()) this.client = undefined;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.client) void this.#loadBalance();
  }

  override render() {
    if (!this.client) {
      return html`<h2>Client</h2>
        <form id="login" @submit=${this.#login}>
          <label>Username <input name="username" autocomplete="username" minlength="8" required></label>
          <label>Password <input name="password" type="password" minlength="8" required></label>
          <button type="submit" ?disabled=${this.busy}>Log in</button>
        </form>
        <p class="muted">The first login opens an account. Username and password: at least 8 characters.</p>
        ${this.problem ? html`<p class="problem" id="problem">${this.problem}</p>` : null}`;
    }
    const client = this.client;
    return html`<h2>${client.username} · <code id="iban">${client.iban}</code></h2>
      <p>Balance <strong id="balance">${this.balance === undefined ? '…' : formatCents(this.balance)}</strong>
        <button type="button" @click=${() => { logoutClient(); this.client = undefined; }}>Log out</button></p>
      <div class="deposits">${deposits.map((cents) => html`<button type="button" class="deposit" data-amount=${cents} @click=${() => this.#transfer({ amount: cents, from: 'cash', to: client.iban, description: 'deposit' })}>Deposit ${formatCents(cents)}</button>`)}</div>
      <form id="transfer" @submit=${this.#submitTransfer}>
        <label>To <input name="to" .value=${companyIban} required></label>
        <label>Amount (€) <input name="amount" inputmode="decimal" placeholder="11,11" required></label>
        <label>Description <input name="description" value="transfer" required></label>
        <button type="submit">Transfer</button>
      </form>
      ${this.outcome ? html`<p class="status" id="outcome">${this.outcome}</p>` : null}
      ${this.problem ? html`<p class="problem" id="problem">${this.problem}</p>` : null}
      <h2>Last 10 transactions</h2>
      <bank-transactions iban=${client.iban} max="10" @balance-changed=${(e: CustomEvent<{ newBalance: number | string }>) => { this.balance = e.detail.newBalance; }}></bank-transactions>`;
  }

  async #login(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    try {
      this.client = await loginClient(String(form.get('username')), String(form.get('password')));
      this.problem = undefined;
      await this.#loadBalance();
    } catch (error) {
      this.problem = describe(error);
    } finally {
      this.busy = false;
    }
  }

  async #loadBalance(): Promise<void> {
    if (!this.client) return;
    try {
      this.balance = (await api<{ balance: number | string }>(`/api/open-bank/accounts/${this.client.iban}`)).balance;
    } catch (error) {
      this.problem = describe(error);
    }
  }

  #submitTransfer(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const amount = parseEuros(String(form.get('amount')));
    if (amount === undefined || amount <= 0) {
      this.problem = 'the amount is not valid: euros, like 11,11';
      return;
    }
    void this.#transfer({ amount, from: this.client!.iban, to: String(form.get('to')).trim(), description: String(form.get('description')) });
  }

  /** Posts the transfer, then holds GET /transfers/<id>?waitMs= for its outcome. */
  async #transfer(fields: { amount: number; from: string; to: string; description: string }): Promise<void> {
    const id = crypto.randomUUID();
    this.problem = undefined;
    this.outcome = `${formatCents(fields.amount)} sent…`;
    try {
      await api('/api/open-bank/transfers', { body: { id, token: this.client!.token, ...fields } });
      const result = await api<Outcome>(`/api/open-bank/transfers/${id}?waitMs=5000`);
      if (result.status === 'failed') {
        this.outcome = undefined;
        this.problem = `Transfer failed: ${result.reason}`;
      } else {
        this.outcome = result.status === 'confirmed' ? `${formatCents(fields.amount)} ${fields.from === 'cash' ? 'deposited' : 'transferred'}` : 'still pending…';
      }
    } catch (error) {
      this.outcome = undefined;
      this.problem = describe(error);
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof ProblemError)) return String(error);
  const details = error.problem.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  return `${error.message}${details ? ` (${details})` : ''}`;
}
