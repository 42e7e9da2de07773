import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { SseController } from '../shared/sse-controller.ts';
import { base, type Partner } from './model.ts';
import { pageStyles } from './styles.ts';

type PartnerDetail = Partner & { relationships: Array<{ foreignId: string; role: string }>; contracts: Array<{ contractId: string; role: string }> };

/** `<mf-partner partner-id=…>`: a partner with addresses, relationships and contracts, live. */
export class MfPartner extends LitElement {
  static override properties = { partnerId: { attribute: 'partner-id' }, detail: { state: true }, problem: { state: true } };
  static override styles = pageStyles;

  declare partnerId: string;
  declare detail: PartnerDetail | undefined;
  declare problem: string | undefined;

  readonly stream = new SseController(this, () => (this.partnerId ? `${base}/stream?partnerId=${encodeURIComponent(this.partnerId)}` : undefined), () => { void this.load(); setTimeout(() => void this.load(), 500); });

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('partnerId')) void this.load();
  }

  async load(): Promise<void> {
    try {
      this.detail = await api<PartnerDetail>(`${base}/partners/${this.partnerId}`);
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    const p = this.detail;
    if (!p) return html`<section>${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : 'Loading…'}</section>`;
    return html`<section>
      <h2>${p.firstName} ${p.lastName} <span class="muted">${p.id}</span></h2>
      <p>${p.email ?? ''} ${p.phone ?? ''}</p>
      <h3>Addresses</h3>
      <ul>${p.addresses.map((a) => html`<li>${a.type}: ${a.street} ${a.houseNumber}, ${a.postcode} ${a.city} (${a.country})</li>`)}</ul>
      <h3>Contracts</h3>
      <table><tbody>${p.contracts.map((c) => html`<tr><td><a href="#contract/${c.contractId}">${c.contractId}</a></td><td>${c.role}</td></tr>`)}</tbody></table>
    </section>`;
  }
}
