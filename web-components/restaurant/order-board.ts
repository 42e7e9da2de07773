import { LitElement, css, html } from 'lit';
import { restaurantStyles } from './styles.ts';
import { byStage, itemsText, stages, stateText, type OrderView } from './views.ts';

/**
 * `<restaurant-order-board>`: one column per stage; an order card moves along as its
 * events arrive. Clicking a card fires `order-selected` with its id (for the message graph).
 */
export class RestaurantOrderBoard extends LitElement {
  static override properties = { orders: { attribute: false }, selected: { attribute: false } };
  static override styles = [restaurantStyles, css`
    .columns { display: grid; grid-template-columns: repeat(${stages.length}, minmax(8rem, 1fr)); gap: 0.5rem; }
    .column { background: #f4f6f9; border-radius: 6px; padding: 0.4rem; min-height: 4rem; }
    .column h3 { font-size: 0.8rem; margin: 0 0 0.3rem; color: #5b6475; text-transform: uppercase; }
    .card { background: #fff; border: 1px solid #dde2ea; border-radius: 5px; padding: 0.3rem 0.4rem; margin-bottom: 0.3rem; cursor: pointer; font-size: 0.8rem; }
    .card.selected { border-color: #2f6fde; box-shadow: 0 0 0 1px #2f6fde; }
  `];

  declare orders: OrderView[];
  declare selected: string | undefined;

  constructor() {
    super();
    this.orders = [];
  }

  override render() {
    const columns = byStage(this.orders);
    return html`
      <h2>Orders <small>${this.orders.length}</small></h2>
      <div class="columns">
        ${stages.map((stage) => html`
          <div class="column" data-stage=${stage}>
            <h3>${stage} <span class="muted">${columns[stage]?.length ?? 0}</span></h3>
            ${(columns[stage] ?? []).map((order) => html`
              <div class="card ${order.orderId === this.selected ? 'selected' : ''}" data-order-id=${order.orderId}
                @click=${() => this.dispatchEvent(new CustomEvent('order-selected', { detail: order.orderId, bubbles: true, composed: true }))}>
                <div>Table ${order.tableNumber} ${order.dodgy ? html`<span class="badge dodgy">pay first</span>` : null}</div>
                <div class="muted">${itemsText(order)}</div>
                ${order.total > 0 ? html`<div>total ${order.total}</div>` : null}
                <div class="muted"><code>${stateText(order.process?.state)}</code></div>
              </div>`)}
          </div>`)}
      </div>`;
  }
}
