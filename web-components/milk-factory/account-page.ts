import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { SseController, liveText } from '../shared/sse-controller.ts';
import { byBill, byDelivery, claimable, mergeById, mergeRequisition, nextBillDay, quotaText } from './account-model.ts';
import { base, type Bill, type Contract, type Delivery, type Requisition } from './model.ts';
import { chf, pageStyles } from './styles.ts';
import { idLabel, shortId } from '../shared/short-id.ts';

/** Events after which the contracts are read again (their state, end or price changed). */
const contractEvents = new Set(['DraftOffered', 'OfferAccepted', 'ContractApproved', 'ContractExtended', 'ContractExpired', 'ContractTerminated', 'PricesUpdated']);

/**
 * `<mf-account>`: the customer's My Account (spec) — their contracts with state, price,
 * quota claimed of total and next bill; their bills, requisition orders (with a form to
 * claim boxes) and deliveries; all live over the stream, which shows a customer only their
 * own contracts' events (the server decides; this page also keeps only its contracts').
 */
export class MfAccount extends LitElement {
  static override properties = {
    contracts: { state: true }, bills: { state: true }, requisitions: { state: true }, deliveries: { state: true }, problem: { state: true }, notice: { state: true },
  };
  static override styles = pageStyles;

  declare contracts: Contract[];
  declare bills: Bill[];
  declare requisitions: Requisition[];
  declare deliveries: Delivery[];
  declare problem: string | undefined;
  declare notice: string | undefined;
  #reload: ReturnType<typeof setTimeout> | undefined;

  readonly stream = new SseController(this, () => `${base}/stream`, (message) => {
    const data = message.data as Record<string, any>;
    const contractId = data.contractId ?? data.contract?.id;
    if (contractEvents.has(message.type)) return this.#reloadSoon();
    if (!this.contracts.some((c) => c.id === contractId)) return; // only my contracts' news
    if (message.type === 'RequisitionChanged') this.requisitions = mergeRequisition(this.requisitions, data as Requisition);
    else if (message.type === 'DeliveryChanged') this.deliveries = mergeById(this.deliveries, data as Delivery, byDelivery);
    else if (message.type === 'BillCreated') this.bills = mergeById(this.bills, data as Bill, byBill);
    else if (message.type === 'QuotaChanged') {
      this.contracts = this.contracts.map((c) => (c.id === contractId ? { ...c, quota: { total: data.total, claimed: data.claimed } } : c));
    }
  });

  constructor() {
    super();
    this.contracts = [];
    this.bills = [];
    this.requisitions = [];
    this.deliveries = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#reload);
    super.disconnectedCallback();
  }

  #reloadSoon(): void {
    clearTimeout(this.#reload);
    this.#reload = setTimeout(() => void this.load(), 200);
  }

  /** Everything of my contracts, read from the owners' read models. */
  async load(): Promise<void> {
    try {
      const contracts = (await api<Contract[]>(`${base}/contracts`)).filter((c) => c.state !== 'DRAFT');
      const perContract = await Promise.all(contracts.map(async (c) => ({
        bills: await api<Bill[]>(`${base}/bills?contractId=${c.id}`),
        deliveries: await api<Delivery[]>(`${base}/deliveries?contractId=${c.id}`),
        requisitions: c.type === 'SUBSCRIPTION' ? await api<Requisition[]>(`${base}/contracts/${c.id}/requisitions`) : [],
      })));
      this.contracts = contracts;
      this.bills = perContract.flatMap((p) => p.bills);
      this.deliveries = perContract.flatMap((p) => p.deliveries);
      // What the stream already told stays (a read can be a moment behind it).
      this.requisitions = perContract.flatMap((p) => p.requisitions).reduce(mergeRequisition, this.requisitions.filter((r) => contracts.some((c) => c.id === r.contractId)));
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  async #claim(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const contractId = String(form.get('contractId'));
    const body = { requisitionId: crypto.randomUUID(), quantity: Number(form.get('quantity')), deliverBy: String(form.get('deliverBy')) };
    try {
      this.problem = undefined;
      const answer = await api<{ requisitionId: string; state: string }>(`${base}/contracts/${contractId}/requisitions`, { body });
      this.requisitions = mergeRequisition(this.requisitions, { ...body, contractId, state: answer.state });
      this.notice = `Requisition ${shortId(answer.requisitionId)} is ${answer.state}`;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    const subscriptions = claimable(this.contracts);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    return html`<section>
      <h2>My account <span class="muted live">${liveText(this.stream)}</span></h2>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.notice ? html`<p class="muted notice">${this.notice}</p>` : null}
      <h3>Contracts</h3>
      ${this.contracts.length === 0 ? html`<p class="muted">No contracts yet.</p>` : html`<table class="contracts">
        <thead><tr><th>Contract</th><th>Product</th><th>State</th><th>Price</th><th>Boxes claimed</th><th>Next bill</th></tr></thead>
        <tbody>${this.contracts.map((c) => html`<tr data-contract-id=${c.id}>
          <td><a href="#contract/${c.id}">${idLabel(c.id)}</a></td><td>${c.productId}</td><td class="state">${c.state}</td>
          <td class="money">${chf(c.totalPrice)}</td><td class="quota">${quotaText(c) ?? '–'}</td>
          <td class="next-bill">${nextBillDay(c, this.bills.filter((b) => b.contractId === c.id)) ?? '–'}</td></tr>`)}</tbody></table>`}

      <h3>Claim boxes</h3>
      ${subscriptions.length === 0 ? html`<p class="muted">No running subscription to claim boxes from.</p>` : html`<form class="claim" @submit=${(e: SubmitEvent) => this.#claim(e)}>
        <label>Subscription <select name="contractId">${subscriptions.map((c) => html`<option value=${c.id} title=${c.id}>${shortId(c.id)} (${quotaText(c)})</option>`)}</select></label>
        <label>Boxes <input name="quantity" type="number" min="1" value="1" required /></label>
        <label>Deliver by <input name="deliverBy" type="date" min=${tomorrow} value=${tomorrow} required /></label>
        <button type="submit">Claim boxes</button></form>`}

      <h3>Requisition orders</h3>
      ${this.requisitions.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table class="requisitions">
        <thead><tr><th>Requisition</th><th>Contract</th><th>Boxes</th><th>Deliver by</th><th>State</th><th>Delivery</th></tr></thead>
        <tbody>${this.requisitions.map((r) => html`<tr data-requisition-id=${r.requisitionId}>
          <td>${idLabel(r.requisitionId)}</td><td>${idLabel(r.contractId)}</td><td>${r.quantity}</td><td>${r.deliverBy}</td>
          <td class="state">${r.state}${r.reason ? html` <span class="muted">${r.reason}</span>` : null}</td><td>${r.deliveryDate ?? '–'}</td></tr>`)}</tbody></table>`}

      <h3>Deliveries</h3>
      ${this.deliveries.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table class="deliveries">
        <thead><tr><th>Date</th><th>Contract</th><th>Boxes</th><th>State</th></tr></thead>
        <tbody>${this.deliveries.map((d) => html`<tr data-delivery-id=${d.deliveryId}>
          <td>${d.date}</td><td>${idLabel(d.contractId)}</td><td>${d.quantity}</td><td class="state">${d.state}</td></tr>`)}</tbody></table>`}

      <h3>Bills</h3>
      ${this.bills.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table class="bills">
        <thead><tr><th>From</th><th>To</th><th>Contract</th><th>Price</th></tr></thead>
        <tbody>${this.bills.map((b) => html`<tr data-bill-id=${b.billId}>
          <td>${b.from}</td><td>${b.to}</td><td>${idLabel(b.contractId)}</td><td class="money">${chf(b.price)}</td></tr>`)}</tbody></table>`}
    </section>`;
  }
}
