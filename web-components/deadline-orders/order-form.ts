import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { deadlineOrdersStyles } from './styles.ts';
import { base } from './views.ts';

/**
 * `<deadline-order-form>`: places an order for the holder. Currencies 100 and 200 are the
 * spec's fault injection (the exchange waits before / after checking the deadline).
 */
export class DeadlineOrderForm extends LitElement {
  static override properties = {
    holderId: { attribute: false },
    outcome: { state: true },
    problem: { state: true },
  };

  static override styles = deadlineOrdersStyles;

  declare holderId: string;
  declare outcome: string | undefined;
  declare problem: string | undefined;

  constructor() {
    super();
    this.holderId = '';
  }

  async #place(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const body = { holderId: this.holderId, currencyId: Number(form.get('currencyId')), amount: Number(form.get('amount')) };
    try {
      const { orderId } = await api<{ orderId: string }>(`${base}/orders`, { method: 'POST', body });
      this.outcome = `Placed order ${orderId}`;
      this.problem = undefined;
      this.dispatchEvent(new CustomEvent('order-placed', { detail: orderId, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = problemText(error);
      this.outcome = undefined;
    }
  }

  override render() {
    return html`
      <h2>Place an order <small>for ${this.holderId}</small></h2>
      <form @submit=${this.#place}>
        <label>Amount <input name="amount" type="number" min="1" step="1" value="500" required></label>
        <label>Currency
          <select name="currencyId">
            <option value="1">1</option>
            <option value="100">100 (exchange waits before the deadline check)</option>
            <option value="200">200 (exchange waits after the deadline check)</option>
          </select>
        </label>
        <button type="submit">Place order</button>
      </form>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      ${this.outcome ? html`<p class="status" role="status">${this.outcome}</p>` : null}`;
  }
}
