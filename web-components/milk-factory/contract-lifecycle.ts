import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { currentUser } from '../shared/session.ts';
import { base, type ContractDetail, type Draft } from './model.ts';
import { pageStyles } from './styles.ts';

/** The day after `day`: the earliest start of a replacement that ends the contract on it. */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * `<mf-contract-lifecycle .detail=…>`: what may happen to a contract after the sale (spec,
 * Termination and Replacement), for its holder or a sales rep: a RUNNING contract may be
 * terminated on a day or replaced from a day (the replacement opens as a new draft page);
 * a draft or offer may be offered or deleted. Links between a contract and its replacement.
 * Tells the page to reload with `contract-changed`.
 */
export class MfContractLifecycle extends LitElement {
  static override properties = { detail: { attribute: false }, problem: { state: true } };
  static override styles = pageStyles;

  declare detail: ContractDetail | undefined;
  declare problem: string | undefined;

  async #call<T>(path: string, method = 'POST', body?: unknown): Promise<T | undefined> {
    try {
      const answer = await api<T>(`${base}${path}`, body === undefined ? { method } : { method, body });
      this.problem = undefined;
      this.dispatchEvent(new CustomEvent('contract-changed', { bubbles: true, composed: true }));
      return answer;
    } catch (error) {
      this.problem = (error as Error).message;
      return undefined;
    }
  }

  #value(name: string): string {
    return (this.renderRoot.querySelector(`input[name=${name}]`) as HTMLInputElement | null)?.value ?? '';
  }

  async #replace(event: Event): Promise<void> {
    event.preventDefault();
    const draft = await this.#call<Draft>(`/contracts/${this.detail!.contract.id}/replace`, 'POST', { start: this.#value('start') });
    if (draft) location.hash = `#contract/${draft.contract.id}`;
  }

  async #terminate(event: Event): Promise<void> {
    event.preventDefault();
    await this.#call(`/contracts/${this.detail!.contract.id}/terminate`, 'POST', { date: this.#value('date') });
  }

  async #delete(): Promise<void> {
    const replaced = this.detail!.contract.replaces;
    await this.#call(`/drafts/${this.detail!.contract.id}`, 'DELETE');
    location.hash = replaced ? `#contract/${replaced}` : '#sales';
  }

  override render() {
    const d = this.detail;
    if (!d) return null;
    const { contract } = d;
    const user = currentUser();
    const holder = d.relationships.find((r) => r.role === 'CONTRACT_HOLDER');
    const mayAct = user?.roles.includes('SALES_REP') || (holder !== undefined && holder.partnerId === user?.partnerId);
    const running = contract.state === 'RUNNING';
    return html`
      ${contract.replaces ? html`<p class="replaces">Replaces <a href="#contract/${contract.replaces}">${contract.replaces}</a></p>` : null}
      ${contract.replacementId ? html`<p class="replacement">${running ? 'Replacement in progress' : 'Replaced by'}: <a href="#contract/${contract.replacementId}">${contract.replacementId}</a></p>` : null}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${mayAct && running ? html`
        <form class="terminate" @submit=${this.#terminate}><label>End on <input type="date" name="date" required min=${contract.start} max=${contract.end} .value=${contract.end}></label>
          <button type="submit">Terminate</button></form>
        ${contract.replacementId ? null : html`<form class="replace" @submit=${this.#replace}><label>Replace from <input type="date" name="start" required min=${dayAfter(contract.start)} max=${dayAfter(contract.end)}></label>
          <button type="submit">Replace</button></form>`}` : null}
      ${mayAct && contract.state === 'DRAFT' ? html`<div class="row"><button type="button" class="offer" @click=${() => this.#call(`/drafts/${contract.id}/offer`)}>Offer</button></div>` : null}
      ${mayAct && (contract.state === 'DRAFT' || contract.state === 'OFFERED') ? html`<div class="row"><button type="button" class="delete" @click=${() => this.#delete()}>Delete draft</button></div>` : null}`;
  }
}
