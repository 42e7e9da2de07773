import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { currentUser } from '../shared/session.ts';
import { SseController, type Envelope } from '../shared/sse-controller.ts';
import { base, type ContractDetail, type Task } from './model.ts';
import { chf, pageStyles } from './styles.ts';

/** Bills listed on the page, the latest first. */
const shownBills = 10;

/**
 * `<mf-contract contract-id=…>`: a contract's state, prices, relationships, tasks and bills, with
 * Accept (holder or sales rep, when OFFERED) and Approve (its sales rep, when
 * AWAITING_APPROVAL); termination and replacement in `<mf-contract-lifecycle>`. Reloads on
 * every event about the contract (a replacement's `ContractReplaced` names it too).
 */
export class MfContract extends LitElement {
  static override properties = { contractId: { attribute: 'contract-id' }, detail: { state: true }, problem: { state: true } };
  static override styles = pageStyles;

  declare contractId: string;
  declare detail: ContractDetail | undefined;
  declare problem: string | undefined;

  readonly stream = new SseController(this, () => (this.contractId ? `${base}/stream?contractId=${encodeURIComponent(this.contractId)}` : undefined), (message) => this.#onEvent(message));

  /**
   * The event itself where it carries the part shown (the tasks of a CaseChanged); then a
   * reload, and another a moment later: contracts keeps its copies from the same events,
   * so it may not have stored this one yet.
   */
  #onEvent(message: Envelope): void {
    if (message.type === 'CaseChanged' && this.detail) this.detail = { ...this.detail, tasks: (message.data as { tasks: Task[] }).tasks };
    void this.load();
    setTimeout(() => void this.load(), 500);
  }

  override updated(changed: Map<string, unknown>): void {
    if (!changed.has('contractId')) return;
    void this.load();
    // What happened between the first load and the stream opening (e.g. the task completed
    // by the approval that opened this page) is read on a second and a third look.
    for (const delay of [1_000, 3_000]) setTimeout(() => void this.load(), delay);
  }

  async load(): Promise<void> {
    if (!this.contractId) return;
    try {
      this.detail = await api<ContractDetail>(`${base}/contracts/${this.contractId}`);
      this.problem = undefined;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  async #act(action: 'accept' | 'approve'): Promise<void> {
    try {
      await api(`${base}/contracts/${this.contractId}/${action}`, { method: 'POST' });
      await this.load();
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    const d = this.detail;
    if (!d) return html`<section>${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : 'Loading…'}</section>`;
    const user = currentUser();
    const holder = d.relationships.find((r) => r.role === 'CONTRACT_HOLDER');
    const rep = d.relationships.find((r) => r.role === 'SALES_REP');
    const mayAccept = d.contract.state === 'OFFERED' && (user?.roles.includes('SALES_REP') || (holder && holder.partnerId === user?.partnerId));
    const mayApprove = d.contract.state === 'AWAITING_APPROVAL' && rep?.username === user?.username;
    return html`<section>
      <h2>Contract <code>${d.contract.id}</code></h2>
      <p>State <span class="state contract-state" data-state=${d.contract.state}>${d.contract.state}</span> · ${d.contract.productId} · ${d.contract.start} – ${d.contract.end}
        · total <span class="money">${chf(d.contract.totalPrice)}</span></p>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      <div class="row">
        ${mayAccept ? html`<button type="button" class="accept" @click=${() => this.#act('accept')}>Accept</button>` : null}
        ${mayApprove ? html`<button type="button" class="approve" @click=${() => this.#act('approve')}>Approve</button>` : null}
      </div>
      <mf-contract-lifecycle .detail=${d} @contract-changed=${() => void this.load()}></mf-contract-lifecycle>
      <h3>Components and prices</h3>
      <mf-component-tree .components=${d.components} .prices=${d.prices} .discounts=${d.discounts}></mf-component-tree>
      <h3>Relationships</h3>
      <table><tbody>${d.relationships.map((r) => html`<tr><td>${r.role}</td><td><a href="#partner/${r.partnerId}">${r.partnerId}</a></td><td class="muted">${r.username ?? ''}</td></tr>`)}</tbody></table>
      <h3>Tasks</h3>
      ${d.tasks.length === 0 ? html`<p class="muted">No tasks.</p>` : html`<table><tbody>${d.tasks.map((t) => html`<tr class="task"><td>${t.title}</td><td>${t.userId}</td><td class="state">${t.state}</td></tr>`)}</tbody></table>`}
      <h3>Bills</h3>
      ${d.bills.length === 0 ? html`<p class="muted">No bills yet.</p>` : html`<table class="bills"><tbody>${d.bills.slice(-shownBills).reverse().map((b) => html`<tr class="bill" data-bill-id=${b.billId}>
        <td>${b.from === b.to ? b.from : `${b.from} – ${b.to}`}</td><td class="money">${chf(b.price)}</td></tr>`)}</tbody></table>
        ${d.bills.length > shownBills ? html`<p class="muted">The latest ${shownBills} of ${d.bills.length} bills.</p>` : null}`}
      <p class="muted">Created by ${d.contract.createdBy}${d.contract.acceptedBy ? ` · accepted by ${d.contract.acceptedBy}` : ''}${d.contract.approvedBy ? ` · approved by ${d.contract.approvedBy}` : ''}</p>
    </section>`;
  }
}
