import { LitElement, html } from 'lit';
import { deadlineOrdersStyles } from './styles.ts';
import { statusText, timeOf, type OrderView } from './views.ts';
import { idLabel } from '../shared/short-id.ts';

/** `<deadline-orders-table>`: every order, newest first, its status live; a click selects one (`order-selected`). */
export class DeadlineOrdersTable extends LitElement {
  static override properties = {
    orders: { attribute: false },
    selected: { attribute: false },
  };

  static override styles = deadlineOrdersStyles;

  declare orders: OrderView[];
  declare selected: string | undefined;

  constructor() {
    super();
    this.orders = [];
  }

  #select(orderId: string): void {
    this.dispatchEvent(new CustomEvent('order-selected', { detail: orderId, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <h2>Orders <small>${this.orders.length}</small></h2>
      <table>
        <thead><tr><th>Order</th><th>Holder</th><th class="number">Amount</th><th>Currency</th><th>Deadline</th><th>Status</th></tr></thead>
        <tbody>
          ${this.orders.map((order) => html`
            <tr data-order-id=${order.orderId} class=${order.orderId === this.selected ? 'selected' : ''} @click=${() => this.#select(order.orderId)}>
              <td>${idLabel(order.orderId)}</td>
              <td>${order.holderId}</td>
              <td class="number">${order.amount}</td>
              <td>${order.currencyId}</td>
              <td>${timeOf(order.deadline)}</td>
              <td><span class="badge ${order.status}" data-status=${order.status} title=${order.reason ?? ''}>${statusText(order.status)}</span></td>
            </tr>`)}
        </tbody>
      </table>
      ${this.orders.length === 0 ? html`<p class="muted">No orders yet.</p>` : null}`;
  }
}
