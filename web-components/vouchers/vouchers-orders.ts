import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { vouchersStyles } from './styles.ts';
import { grossText, type OrderView } from './views.ts';

/**
 * `<vouchers-orders>`: create an order (net total, order date), deliver one or the earliest
 * undelivered. The list itself comes from `<vouchers-app>` (loaded, then kept live); each
 * action's answer is also handed up as an `order-changed` event, so it shows at once.
 */
export class VouchersOrders extends LitElement {
  static override properties = {
    orders: { attribute: false },
    outcome: { state: true },
    problem: { state: true },
  };

  static override styles = vouchersStyles;

  declare orders: OrderView[];
  declare outcome: string | undefined;
  declare problem: string | undefined;

  constructor() {
    super();
    this.orders = [];
  }

  async #call(path: string, body: unknown, done: (order: OrderView) => string): Promise<void> {
    try {
      const order = await api<OrderView>(`/api/vouchers${path}`, { method: 'POST', ...(body === undefined ? {} : { body }) });
      this.dispatchEvent(new CustomEvent('order-changed', { detail: order, bubbles: true, composed: true }));
      this.outcome = done(order);
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
      this.outcome = undefined;
    }
  }

  #create(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const netTotal = String(form.get('netTotal') ?? '').trim();
    const orderDate = String(form.get('orderDate') ?? '').trim();
    const body: Record<string, unknown> = {};
    if (netTotal) body.netTotal = Number(netTotal);
    if (orderDate) body.orderDate = orderDate;
    void this.#call('/orders', body, (order) => `Created order ${order.id}`);
  }

  override render() {
    return html`
      <h2>Orders <small>${this.orders.length}</small></h2>
      <form @submit=${this.#create}>
        <label>Net total (€) <input name="netTotal" type="number" min="1" step="1" placeholder="150"></label>
        <label>Order date <input name="orderDate" type="date"></label>
        <button type="submit">Create order</button>
        <button type="button" @click=${() => this.#call('/orders/deliver-next', undefined, (order) => `Delivered order ${order.id}`)}>Deliver next</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.outcome ? html`<p class="status" role="status">${this.outcome}</p>` : null}
      <table>
        <thead><tr><th>Order</th><th>Date</th><th class="number">Net €</th><th class="number">VAT</th><th class="number">Gross €</th><th>Delivery</th><th></th></tr></thead>
        <tbody>
          ${this.orders.map((order) => html`
            <tr data-order-id=${order.id}>
              <td><code>${order.id}</code></td>
              <td>${order.orderDate}</td>
              <td class="number">${order.netTotal}</td>
              <td class="number">${Math.round(order.vatRate * 100)} %</td>
              <td class="number">${grossText(order)}</td>
              <td>${order.deliverySent ? html`<span class="badge">sent</span>` : html`<span class="badge waiting">open</span>`}</td>
              <td>${order.deliverySent ? null : html`<button type="button" @click=${() => this.#call(`/orders/${encodeURIComponent(order.id)}/deliver`, undefined, (o) => `Delivered order ${o.id}`)}>Deliver</button>`}</td>
            </tr>`)}
        </tbody>
      </table>
      ${this.orders.length === 0 ? html`<p class="muted">No orders yet.</p>` : null}`;
  }
}
