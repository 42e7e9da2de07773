import { LitElement, css, html } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { SessionController } from '../shared/session-controller.ts';
import { SseController, liveText, type Envelope } from '../shared/sse-controller.ts';
import { appStyles } from '../shared/styles.ts';
import { applyEvent, recordQueues, upsertOrder, type CookView, type MessageView, type OrderView, type QueueHistory } from './views.ts';

/** How often the cooks' queues are sampled for the "over time" lines (ms). */
const cookSampleInterval = 1_000;

/**
 * `<restaurant-app>`: the live board. Orders are loaded once, then each event of an order
 * (from the landscape's stream) reloads that order, so its card moves to its stage; the
 * cooks are sampled every second; the selected order's message graph follows its events.
 */
export class RestaurantApp extends LitElement {
  static override properties = {
    orders: { state: true }, cooks: { state: true }, history: { state: true },
    selected: { state: true }, messages: { state: true }, problem: { state: true },
  };

  static override styles = [appStyles, css`
    .top { display: flex; justify-content: space-between; gap: 1rem; flex-wrap: wrap; align-items: center; }
  `];

  declare orders: OrderView[];
  declare cooks: CookView[];
  declare history: QueueHistory;
  declare selected: string | undefined;
  declare messages: MessageView[];
  declare problem: string | undefined;

  /** Logging in or out changes what this shows. */
  readonly session = new SessionController(this);
  readonly stream = new SseController(this, () => '/api/restaurant/stream', (message) => this.#apply(message));
  #sampler: ReturnType<typeof setInterval> | undefined;
  readonly #reloading = new Set<string>();
  readonly #again = new Set<string>();

  constructor() {
    super();
    this.orders = [];
    this.cooks = [];
    this.history = {};
    this.messages = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    this.#sampler = setInterval(() => void this.#sampleCooks(), cookSampleInterval);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#sampler);
    super.disconnectedCallback();
  }

  async #load(): Promise<void> {
    try {
      const orders = await api<OrderView[]>('/api/restaurant/orders?limit=50');
      // Orders the stream brought meanwhile are as new as the load or newer: they stay.
      this.orders = orders.reduce((list, order) => (list.some((o) => o.orderId === order.orderId) ? list : [...list, order]), this.orders);
      await this.#sampleCooks();
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async #sampleCooks(): Promise<void> {
    try {
      this.cooks = await api<CookView[]>('/api/restaurant/cooks');
      this.history = recordQueues(this.history, this.cooks);
    } catch {
      // the next sample tries again
    }
  }

  #apply(message: Envelope): void {
    const orderId = (message.data as { orderId?: unknown }).orderId;
    if (typeof orderId !== 'string') return;
    this.orders = applyEvent(this.orders, message.type, message.data as unknown as OrderView);
    void this.#reloadOrder(orderId);
    if (orderId === this.selected) void this.#loadMessages(orderId);
  }

  /** One reload per order at a time; an event arriving meanwhile asks for one more after it. */
  async #reloadOrder(orderId: string): Promise<void> {
    if (this.#reloading.has(orderId)) {
      this.#again.add(orderId);
      return;
    }
    this.#reloading.add(orderId);
    try {
      // Read first, merged after: `upsertOrder(this.orders, await …)` took the list as it was
      // before the request, and an event applied meanwhile (ProcessFinished) was lost with it.
      const order = await api<OrderView>(`/api/restaurant/orders/${orderId}`);
      this.orders = upsertOrder(this.orders, order);
    } catch {
      // an order placed by another tab may not be readable yet; its next event reloads it
    } finally {
      this.#reloading.delete(orderId);
    }
    if (this.#again.delete(orderId)) await this.#reloadOrder(orderId);
  }

  async #select(orderId: string): Promise<void> {
    this.selected = orderId;
    await this.#loadMessages(orderId);
  }

  async #loadMessages(orderId: string): Promise<void> {
    try {
      const messages = await api<MessageView[]>(`/api/restaurant/orders/${orderId}/messages`);
      if (orderId === this.selected) this.messages = messages;
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  override render() {
    return html`
      <div class="top">
        <p class="live">${liveText(this.stream)}</p>
        <login-form username="admin"></login-form>
      </div>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      <section><restaurant-order-form @order-placed=${(e: CustomEvent<{ orderId: string }>) => { void this.#reloadOrder(e.detail.orderId); void this.#select(e.detail.orderId); }}></restaurant-order-form></section>
      <section><restaurant-order-board .orders=${this.orders} .selected=${this.selected} @order-selected=${(e: CustomEvent<string>) => this.#select(e.detail)}></restaurant-order-board></section>
      <section><restaurant-cook-queues .cooks=${this.cooks} .history=${this.history} @cook-changed=${() => this.#sampleCooks()}></restaurant-cook-queues></section>
      <section><restaurant-message-graph .orderId=${this.selected} .messages=${this.messages}></restaurant-message-graph></section>`;
  }
}
