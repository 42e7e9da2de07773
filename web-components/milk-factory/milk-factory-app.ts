import { LitElement, css, html } from 'lit';
import { SessionController } from '../shared/session-controller.ts';
import { currentUser } from '../shared/session.ts';
import { pageStyles } from './styles.ts';

type Route = { page: string; id?: string };

const staffPages = [['sales', 'Sales'], ['tasks', 'My tasks'], ['organisation', 'Organisation & security']] as const;
const customerPages = [['portal', 'My contracts'], ['account', 'My account']] as const;
const adminPages = [['billing', 'Billing']] as const;

function routeOf(hash: string): Route {
  const [page = '', id] = hash.replace(/^#/, '').split('/');
  return id ? { page, id } : { page };
}

/**
 * `<milk-factory-app>`: the landscape's UI at `/milk-factory`. Log in first; staff get the
 * sales page, their tasks, the organisation and security model; a customer the portal and
 * My Account; an
 * admin the billing board.
 * Contract and partner pages open from links (`#contract/<id>`, `#partner/<id>`).
 */
export class MilkFactoryApp extends LitElement {
  static override properties = { route: { state: true } };
  static override styles = [pageStyles, css`
    nav { display: flex; gap: 1rem; margin-bottom: 1rem; align-items: center; flex-wrap: wrap; }
    nav a { text-decoration: none; color: #2a7de1; }
    nav a.active { font-weight: 700; color: #1d2330; }
  `];

  declare route: Route;
  readonly #onHash = () => { this.route = routeOf(location.hash); };
  /** Logged in or out: another set of pages. */
  readonly session = new SessionController(this);

  constructor() {
    super();
    this.route = routeOf(location.hash);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#onHash);
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.#onHash);
    super.disconnectedCallback();
  }

  override render() {
    const user = currentUser();
    if (!user) {
      return html`<section><h2>The Milk Factory</h2><p class="muted">Staff: john.smith, jane.smith, janet.smith · customers: 180000032, 180000033, 180000034 · billing: admin · password asdf</p><login-form></login-form></section>`;
    }
    const customer = user.roles.includes('CUSTOMER');
    const admin = user.roles.includes('ADMIN');
    // An admin gets billing, beside the staff pages if they are staff too.
    const pages: ReadonlyArray<readonly [string, string]> = customer ? customerPages : admin && !user.roles.some((r) => r !== 'ADMIN') ? adminPages : admin ? [...staffPages, ...adminPages] : staffPages;
    const page = this.route.page || pages[0]![0];
    return html`
      <nav>${pages.map(([id, name]) => html`<a href="#${id}" class=${page === id ? 'active' : ''}>${name}</a>`)}<span class="muted"><login-form></login-form></span></nav>
      ${this.#page(page, customer)}`;
  }

  #page(page: string, customer: boolean) {
    switch (page) {
      case 'contract': return html`<mf-contract contract-id=${this.route.id ?? ''}></mf-contract>`;
      case 'partner': return html`<mf-partner partner-id=${this.route.id ?? ''}></mf-partner>`;
      case 'tasks': return html`<mf-tasks></mf-tasks>`;
      case 'organisation': return html`<mf-organisation></mf-organisation>`;
      case 'portal': return html`<mf-portal></mf-portal>`;
      case 'account': return html`<mf-account></mf-account>`;
      case 'billing': return html`<billing-board></billing-board>`;
      default: return customer ? html`<mf-portal></mf-portal>` : html`<mf-sales></mf-sales>`;
    }
  }
}
