import { LitElement, css, html } from 'lit';
import { createActor, type Actor } from 'xstate';
import { api } from '../shared/api.ts';
import { currentUser, hasRole, sessionId } from '../shared/session.ts';
import { SseController, type Envelope } from '../shared/sse-controller.ts';
import { base, type DefinitionNode, type Discount, type Draft, type Partner, type PriceTable } from './model.ts';
import { progressOf, salesMachine } from './sales-machine.ts';
import { chf, pageStyles } from './styles.ts';

const products = [['COOKIES_MILKSHAKE', 'Cookies milkshake'], ['COFFEE_LATTE_SKINNY', 'Coffee latte skinny']] as const;
const forcedErrors = ['', 'business@milk-factory.pricing', 'technical@milk-factory.pricing', 'business@milk-factory.dsc'];

/**
 * `<mf-sales>`: builds, prices and offers a draft. The steps are orchestrated by the
 * browser's XState machine (sales-machine.ts); the choreography's results come over this
 * tab's SSE stream. A sales rep picks or creates the holder; a customer (`customer`
 * attribute) drafts for themselves.
 */
export class MfSales extends LitElement {
  static override properties = { customer: { type: Boolean }, definitions: { state: true }, partner: { state: true }, forceError: { state: true } };
  static override styles = [pageStyles, css`
    .bar { height: 10px; background: #eef0f4; border-radius: 5px; overflow: hidden; max-width: 420px; }
    .bar > div { height: 100%; background: #2a7de1; transition: width 0.2s; }
    .steps { display: flex; gap: 1rem; font-size: 0.8rem; color: #5b6475; }
    .steps .done { color: #1d7a3a; font-weight: 600; }
    .total { font-size: 1.1rem; font-weight: 600; }
  `];

  declare customer: boolean;
  declare definitions: DefinitionNode | undefined;
  declare partner: Partner | undefined;
  declare forceError: string;
  readonly machine: Actor<typeof salesMachine> = createActor(salesMachine);
  #holderGiven = false;

  readonly stream = new SseController(this, () => `${base}/stream?sessionId=${encodeURIComponent(sessionId)}`, (m) => this.#onEvent(m));

  constructor() {
    super();
    this.customer = false;
    this.forceError = '';
    this.machine.subscribe(() => this.requestUpdate());
    this.machine.start();
  }

  #onEvent(message: Envelope): void {
    const data = message.data as Record<string, any>;
    if (message.type === 'Draft') this.machine.send({ type: 'DRAFT', draft: data as Draft });
    if (message.type === 'DiscountsSurchargesAdded') this.machine.send({ type: 'DISCOUNTS', contractId: data.contractId, syncTimestamp: data.syncTimestamp, discounts: data.discounts as Discount[] });
    if (message.type === 'PricesUpdated') this.machine.send({ type: 'PRICES', contractId: data.contractId, syncTimestamp: data.syncTimestamp, prices: data.priceByComponentId as PriceTable });
    if (message.type === 'Error') this.machine.send({ type: 'ERROR', message: `${data.errorClass}: ${data.message}` });
  }

  /** A REST call of this tab, with the forced error chosen for demos (honoured only with ALLOW_FORCED_ERRORS). */
  #call<T>(path: string, method: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = this.forceError ? { 'x-force-error': this.forceError } : {};
    return api<T>(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  }

  #draftId(): string {
    return this.machine.getSnapshot().context.draft!.contract.id;
  }

  async #create(e: Event): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const productId = form.get('productId') as string;
    const start = form.get('start') as string;
    this.definitions = await api<DefinitionNode>(`${base}/products/${productId}/components`).catch(() => undefined);
    const body = { productId, start, ...(this.partner && !this.customer ? { partnerId: this.partner.id } : {}) };
    this.#holderGiven = this.customer || this.partner !== undefined;
    this.machine.send({ type: 'CREATE', run: () => this.#call<Draft>('/drafts', 'POST', body) });
  }

  /** The holder: sent with the next draft, or given to the draft on screen if it has none yet. */
  #choosePartner(partner: Partner): void {
    this.partner = partner;
    const draft = this.machine.getSnapshot().context.draft;
    if (!draft || draft.contract.state !== 'DRAFT' || this.#holderGiven) return;
    this.#holderGiven = true;
    this.#call(`/drafts/${draft.contract.id}/partner`, 'PUT', { partnerId: partner.id })
      .catch((error: Error) => this.machine.send({ type: 'ERROR', message: error.message }));
  }

  #change(path: string, method: string, body?: unknown): void {
    this.machine.send({ type: 'CHANGE', run: () => this.#call<Draft>(`/drafts/${this.#draftId()}${path}`, method, body) });
  }

  #discount(e: Event): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const value = Number(form.get('percent')) / 100;
    const draft = this.machine.getSnapshot().context.draft!;
    this.machine.send({
      type: 'CHANGE',
      run: async () => {
        await this.#call(`/drafts/${draft.contract.id}/discount`, 'PUT', { path: form.get('path'), value });
        return draft;
      },
    });
  }

  override render() {
    const snapshot = this.machine.getSnapshot();
    const { context } = snapshot;
    const state = String(snapshot.value);
    const progress = progressOf(context);
    const draft = context.draft;
    const root = draft?.components.find((c) => c.parentId === null);
    const editable = state === 'ready' || state === 'waiting' || state === 'failed';
    return html`
      <section>
        <h2>${this.customer ? 'Build your milkshake' : 'Sales'}</h2>
        ${this.customer ? html`<p class="muted">For ${currentUser()?.username}</p>` : html`<mf-partner-picker @partner-selected=${(e: CustomEvent<Partner>) => this.#choosePartner(e.detail)}></mf-partner-picker>`}
        <form class="new-draft" @submit=${this.#create}>
          <select name="productId" aria-label="product">${products.map(([id, name]) => html`<option value=${id}>${name}</option>`)}</select>
          <input name="start" type="date" value="2023-01-01" aria-label="start" required>
          <button type="submit" ?disabled=${state !== 'empty' && state !== 'offered' && state !== 'failed'}>Create draft</button>
          ${hasRole('SALES_REP') ? html`<label class="muted">force error
            <select name="forceError" @change=${(e: Event) => { this.forceError = (e.target as HTMLSelectElement).value; }}>
              ${forcedErrors.map((f) => html`<option value=${f}>${f || 'none'}</option>`)}</select></label>` : null}
        </form>
      </section>
      ${draft ? html`<section>
        <div class="row"><span>Draft <code class="contract-id">${draft.contract.id}</code></span>
          <span class="state" data-state=${draft.contract.state}>${draft.contract.state}</span>
          <span class="machine muted" data-machine=${state}>${state}</span></div>
        <div class="bar" role="progressbar" aria-valuenow=${progress} aria-valuemin="0" aria-valuemax="100"><div style="width:${progress}%"></div></div>
        <div class="steps"><span class=${progress >= 33 ? 'done' : ''}>Draft</span><span class=${progress >= 66 ? 'done' : ''}>Discounts</span><span class=${progress >= 100 ? 'done' : ''}>Prices</span></div>
        ${context.error ? html`<p class="problem" role="alert">${context.error}
          ${state === 'failed' ? html`<button type="button" @click=${() => this.machine.send({ type: 'RESYNC', run: () => this.#call(`/drafts/${draft.contract.id}/resync`, 'POST') })}>Resync</button>` : null}</p>` : null}
        <p class="total">Total <span class="money root-total">${root && context.prices[root.id] ? chf(context.prices[root.id]!.total) : '…'}</span></p>
        <mf-component-tree .components=${draft.components} .prices=${context.prices} .discounts=${context.discounts} .definitions=${this.definitions} ?editable=${editable && draft.contract.state === 'DRAFT'}
          @config-change=${(e: CustomEvent) => this.#change('/config', 'PUT', e.detail)}
          @add-component=${(e: CustomEvent) => this.#change('/components', 'POST', e.detail)}
          @remove-component=${(e: CustomEvent<{ path: string }>) => this.#change(`/components?path=${encodeURIComponent(e.detail.path)}`, 'DELETE')}></mf-component-tree>
        ${!this.customer && draft.contract.state === 'DRAFT' ? html`<form class="discount" @submit=${(e: Event) => this.#discount(e)}>
          <select name="path" aria-label="discount on">${draft.components.map((c) => html`<option value=${c.path}>${c.path}</option>`)}</select>
          <input name="percent" type="number" min="0" max="100" step="0.5" value="5" aria-label="discount %"> %
          <button type="submit">Give discount</button></form>` : null}
        <div class="row">
          <button type="button" class="offer" ?disabled=${state !== 'ready'} @click=${() => this.machine.send({ type: 'OFFER', run: () => this.#call<Draft>(`/drafts/${draft.contract.id}/offer`, 'POST') })}>Offer</button>
          ${state === 'offered' ? html`<a href="#contract/${draft.contract.id}">Open the contract</a>` : null}
          <button type="button" class="start-over" @click=${() => this.machine.send({ type: 'NEW' })}>Start over</button>
        </div>
      </section>` : null}`;
  }
}
