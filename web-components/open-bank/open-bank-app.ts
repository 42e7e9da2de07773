import { LitElement, html } from 'lit';
import { bankStyles } from './styles.ts';

const pages = { home: 'Home', client: 'Client', employee: 'Employee' } as const;
type Page = keyof typeof pages;

/** `<open-bank-app>`: the landscape's UI on `/open-bank`: home, client and employee pages. */
export class OpenBankApp extends LitElement {
  static override properties = { page: { state: true } };
  static override styles = bankStyles;
  declare page: Page;

  constructor() {
    super();
    const wanted = location.hash.slice(1);
    this.page = wanted in pages ? (wanted as Page) : 'home';
  }

  override render() {
    return html`<nav>${(Object.keys(pages) as Page[]).map((page) => html`<button type="button" id="tab-${page}" aria-pressed=${String(this.page === page)}
        @click=${() => { this.page = page; history.replaceState(null, '', `#${page}`); }}>${pages[page]}</button> `)}</nav>
      ${this.page === 'home' ? html`<bank-home></bank-home>` : this.page === 'client' ? html`<bank-client></bank-client>` : html`<bank-employee></bank-employee>`}`;
  }
}
