import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { restaurantStyles } from './styles.ts';

/**
 * `<restaurant-order-form>`: the waiter's pad — a table, pancakes and ice creams, dodgy or
 * not — or an order as the waiter takes one by himself. Fires `order-placed` with
 * `{orderId, correlationId}`.
 */
export class RestaurantOrderForm extends LitElement {
  static override properties = { outcome: { state: true }, problem: { state: true } };
  static override styles = restaurantStyles;

  declare outcome: string | undefined;
  declare problem: string | undefined;

  async #place(path: string, body?: unknown): Promise<void> {
    try {
      const placed = await api<{ orderId: string; correlationId: string }>(`/api/restaurant${path}`, { method: 'POST', ...(body === undefined ? {} : { body }) });
      this.outcome = `Placed order ${placed.orderId}`;
      this.problem = undefined;
      this.dispatchEvent(new CustomEvent('order-placed', { detail: placed, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = problemText(error);
      this.outcome = undefined;
    }
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const count = (name: string) => Number(form.get(name) ?? 0);
    const items = [
      ...(count('pancakes') > 0 ? [{ item: 'pancake', quantity: count('pancakes') }] : []),
      ...(count('iceCreams') > 0 ? [{ item: 'ice cream', quantity: count('iceCreams') }] : []),
    ];
    void this.#place('/orders', { tableNumber: count('tableNumber'), items, dodgy: form.get('dodgy') === 'on' });
  }

  override render() {
    return html`
      <h2>Place an order</h2>
      <form @submit=${this.#submit}>
        <label>Table <input name="tableNumber" type="number" min="1" max="19" value="1" required></label>
        <label>Pancakes <input name="pancakes" type="number" min="0" value="2"></label>
        <label>Ice creams <input name="iceCreams" type="number" min="0" value="0"></label>
        <label class="inline"><input name="dodgy" type="checkbox" style="width:auto"> dodgy (pays first)</label>
        <button type="submit">Place order</button>
        <button type="button" @click=${() => this.#place('/orders/random')}>Random order</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.outcome ? html`<p class="status" role="status">${this.outcome}</p>` : null}`;
  }
}
