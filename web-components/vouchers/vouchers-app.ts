import { LitElement, html } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { SessionController } from '../shared/session-controller.ts';
import { SseController, liveText, type Envelope } from '../shared/sse-controller.ts';
import { appStyles } from '../shared/styles.ts';
import { upsertById, type OrderView, type VoucherView } from './views.ts';

/**
 * `<vouchers-app>`: the vouchers landscape's page — orders (create, deliver), the vouchers
 * appearing live, and the parked messages for an admin. Orders and vouchers are loaded
 * once, then kept current from the landscape's stream (every tab sees every order's events).
 */
export class VouchersApp extends LitElement {
  static override properties = {
    orders: { state: true },
    vouchers: { state: true },
    problem: { state: true },
  };

  static override styles = appStyles;

  declare orders: OrderView[];
  declare vouchers: VoucherView[];
  declare problem: string | undefined;

  /** Logging in or out changes what this shows. */
  readonly session = new SessionController(this);
  readonly stream = new SseController(this, () => '/api/vouchers/stream', (message) => this.#apply(message));

  constructor() {
    super();
    this.orders = [];
    this.vouchers = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const [orders, vouchers] = await Promise.all([api<OrderView[]>('/api/vouchers/orders'), api<VoucherView[]>('/api/vouchers/vouchers')]);
      // What the stream brought meanwhile stays: it is newer than or as new as the load.
      this.orders = orders.reduce((list, order) => (list.some((o) => o.id === order.id) ? list : upsertById(list, order)), this.orders);
      this.vouchers = vouchers.reduce((list, voucher) => (list.some((v) => v.id === voucher.id) ? list : upsertById(list, voucher)), this.vouchers);
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  #apply(message: Envelope): void {
    const data = message.data as { order?: OrderView; voucher?: VoucherView };
    if ((message.type === 'OrderCreated' || message.type === 'OrderUpdated') && data.order) this.#order(data.order);
    if (message.type === 'VoucherCreated' && data.voucher) this.vouchers = upsertById(this.vouchers, data.voucher);
  }

  /** An order from an event or an answer; a delivered copy never goes back to open (events may arrive late). */
  #order(order: OrderView): void {
    const known = this.orders.find((o) => o.id === order.id);
    this.orders = upsertById(this.orders, { ...known, ...order, deliverySent: order.deliverySent || (known?.deliverySent ?? false) });
  }

  override render() {
    return html`
      <p class="live">${liveText(this.stream)}</p>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      <section><vouchers-orders .orders=${this.orders} @order-changed=${(e: CustomEvent<OrderView>) => this.#order(e.detail)}></vouchers-orders></section>
      <section><vouchers-list .vouchers=${this.vouchers}></vouchers-list></section>
      <section><vouchers-parked></vouchers-parked></section>`;
  }
}
