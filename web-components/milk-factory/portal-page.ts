import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { currentUser } from '../shared/session.ts';
import { SseController } from '../shared/sse-controller.ts';
import { base, type Contract } from './model.ts';
import { chf, pageStyles } from './styles.ts';
import { idLabel } from '../shared/short-id.ts';

/** `<mf-portal>`: the customer's own contracts (accept an offer here) and a milkshake to build. */
export class MfPortal extends LitElement {
  static override properties = { contracts: { state: true }, problem: { state: true } };
  static override styles = pageStyles;

  declare contracts: Contract[];
  declare problem: string | undefined;

  readonly stream = new SseController(this, () => {
    const partnerId = currentUser()?.partnerId;
    return partnerId ? `${base}/stream` : undefined;
  }, (message) => {
    if (!['DraftOffered', 'OfferAccepted', 'ContractApproved', 'CaseChanged', 'PartnerRelationshipChanged', 'PricesUpdated'].includes(message.type)) return;
    // contracts keeps its copies from the same events: read again a moment later too.
    void this.load();
    setTimeout(() => void this.load(), 500);
  });

  constructor() {
    super();
    this.contracts = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.contracts = await api<Contract[]>(`${base}/contracts`);
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  async #accept(id: string): Promise<void> {
    try {
      await api(`${base}/contracts/${id}/accept`, { method: 'POST' });
      await this.load();
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    return html`<section>
        <h2>My contracts</h2>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
        ${this.contracts.length === 0 ? html`<p class="muted">No contracts yet.</p>` : html`<table>
          <thead><tr><th>Contract</th><th>Product</th><th>From</th><th>Total</th><th>State</th><th></th></tr></thead>
          <tbody>${this.contracts.map((c) => html`<tr data-contract-id=${c.id}>
            <td><a href="#contract/${c.id}">${idLabel(c.id)}</a></td><td>${c.productId}</td><td>${c.start}</td>
            <td class="money">${chf(c.totalPrice)}</td><td class="state">${c.state}</td>
            <td>${c.state === 'OFFERED' ? html`<button type="button" class="accept" @click=${() => this.#accept(c.id)}>Accept</button>` : null}</td></tr>`)}</tbody></table>`}
      </section>
      <mf-sales customer></mf-sales>`;
  }
}
