import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { base, type Partner } from './model.ts';
import { pageStyles } from './styles.ts';

/**
 * `<mf-partner-picker>`: search partners by name, email or phone, or create one (with a
 * PRIMARY address); fires `partner-selected` with the partner.
 */
export class MfPartnerPicker extends LitElement {
  static override properties = { found: { state: true }, selected: { state: true }, problem: { state: true }, creating: { state: true } };
  static override styles = pageStyles;

  declare found: Partner[];
  declare selected: Partner | undefined;
  declare problem: string | undefined;
  declare creating: boolean;

  constructor() {
    super();
    this.found = [];
    this.creating = false;
  }

  async #search(e: Event): Promise<void> {
    e.preventDefault();
    const q = new FormData(e.target as HTMLFormElement).get('q') as string;
    try {
      this.found = await api<Partner[]>(`${base}/partners?q=${encodeURIComponent(q)}`);
      this.problem = this.found.length === 0 ? 'No partner found.' : undefined;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  async #create(e: Event): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => (f.get(name) as string).trim();
    try {
      const partner = await api<Partner>(`${base}/partners`, {
        body: {
          firstName: text('firstName'), lastName: text('lastName'), type: 'PERSON',
          ...(text('email') ? { email: text('email') } : {}),
          addresses: [{ street: text('street'), houseNumber: text('houseNumber'), postcode: text('postcode'), city: text('city'), country: 'CH', type: 'PRIMARY' }],
        },
      });
      this.creating = false;
      this.#select(partner);
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  #select(partner: Partner): void {
    this.selected = partner;
    this.dispatchEvent(new CustomEvent('partner-selected', { detail: partner, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      ${this.selected ? html`<p>Contract holder: <strong class="holder">${this.selected.firstName} ${this.selected.lastName}</strong> <span class="muted">${this.selected.id}</span></p>` : null}
      <form class="search" @submit=${this.#search}>
        <input name="q" placeholder="name, email or phone" aria-label="search partners">
        <button type="submit">Search partners</button>
        <button type="button" @click=${() => { this.creating = !this.creating; }}>New partner</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.found.length > 0 ? html`<table><tbody>${this.found.map((p) => html`<tr data-partner-id=${p.id}>
        <td>${p.firstName} ${p.lastName}</td><td class="muted">${p.email ?? ''}</td>
        <td class="muted">${p.addresses.find((a) => a.type === 'PRIMARY')?.postcode ?? 'no primary address'}</td>
        <td><button type="button" @click=${() => this.#select(p)}>Select</button></td></tr>`)}</tbody></table>` : null}
      ${this.creating ? html`<form class="create" @submit=${this.#create}>
        <input name="firstName" placeholder="first name" required><input name="lastName" placeholder="last name" required>
        <input name="email" placeholder="email" type="email"><input name="street" placeholder="street" required>
        <input name="houseNumber" placeholder="no." size="4" required><input name="postcode" placeholder="postcode" size="6" required>
        <input name="city" placeholder="city" required><button type="submit">Create partner</button>
      </form>` : null}`;
  }
}
