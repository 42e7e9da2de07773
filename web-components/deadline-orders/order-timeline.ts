import { LitElement, html } from 'lit';
import { deadlineOrdersStyles } from './styles.ts';
import { eventSummary, statusText, timeOf, type OrderView, type TimelineEntry } from './views.ts';

/**
 * `<deadline-order-timeline>`: one order's events in the order they occurred, live — the
 * monitor a person reads to repair an order by hand (which step happened, which did not).
 */
export class DeadlineOrderTimeline extends LitElement {
  static override properties = {
    orderId: { attribute: false },
    order: { attribute: false },
    entries: { attribute: false },
  };

  static override styles = deadlineOrdersStyles;

  declare orderId: string;
  declare order: OrderView | undefined;
  declare entries: TimelineEntry[];

  constructor() {
    super();
    this.orderId = '';
    this.entries = [];
  }

  override render() {
    return html`
      <h2>Events of order <code>${this.orderId}</code>
        ${this.order ? html`<span class="badge ${this.order.status}">${statusText(this.order.status)}</span>` : null}</h2>
      <ol class="timeline">
        ${this.entries.map((entry) => html`
          <li data-type=${entry.type}>
            <span>${timeOf(entry.occurredAt)}</span>
            <strong>${entry.type}</strong>
            <span>${eventSummary(entry)} <span class="source">${entry.source}</span></span>
          </li>`)}
      </ol>
      ${this.entries.length === 0 ? html`<p class="muted">No events recorded yet.</p>` : null}`;
  }
}
