import { LitElement, html } from 'lit';
import { vouchersStyles } from './styles.ts';
import type { VoucherView } from './views.ts';

/** `<vouchers-list>`: the vouchers, as `<vouchers-app>` keeps them live. */
export class VouchersList extends LitElement {
  static override properties = { vouchers: { attribute: false } };
  static override styles = vouchersStyles;

  declare vouchers: VoucherView[];

  constructor() {
    super();
    this.vouchers = [];
  }

  override render() {
    return html`
      <h2>Vouchers <small>${this.vouchers.length}</small></h2>
      <table>
        <thead><tr><th>Voucher</th><th>For order</th><th class="number">Value</th><th>Type</th><th>Strategy</th><th>Redeemed</th></tr></thead>
        <tbody>
          ${this.vouchers.map((voucher) => html`
            <tr data-voucher-id=${voucher.id} data-order-id=${voucher.relatedOrderId}>
              <td><code>${voucher.id}</code></td>
              <td><code>${voucher.relatedOrderId}</code></td>
              <td class="number">${voucher.value} €</td>
              <td>${voucher.type}</td>
              <td>${voucher.strategy}</td>
              <td>${voucher.redeemed ? 'yes' : 'no'}</td>
            </tr>`)}
        </tbody>
      </table>
      ${this.vouchers.length === 0 ? html`<p class="muted">No vouchers yet: deliver an order of at least 100.00 € gross.</p>` : null}`;
  }
}
