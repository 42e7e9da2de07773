import { LitElement, html } from 'lit';
import { companyIban } from './company.ts';
import { bankStyles } from './styles.ts';

/**
 * `<bank-home>`: the company account's last 10 transactions (readable by anyone), live once
 * someone is logged in in this tab (the stream needs a login).
 */
export class BankHome extends LitElement {
  static override styles = bankStyles;

  override render() {
    return html`<h2>Open Bank · company account <code>${companyIban}</code></h2>
      <bank-transactions iban=${companyIban} max="10"></bank-transactions>`;
  }
}
