import { LitElement, css, html } from 'lit';
import { ProblemError, api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { SseController, liveText, type Envelope } from '../shared/sse-controller.ts';
import { appStyles } from '../shared/styles.ts';
import { base, newer, upsertOrder, type OrderView, type TimelineEntry } from './views.ts';

/**
 * `<deadline-orders-app>`: the deadline-orders page — the holder's points, placing an
 * order, every order with its status changing live, and the selected order's event
 * timeline (the monitor for manual repair). Loaded once, then kept current from the
 * landscape's stream.
 */
export class DeadlineOrdersApp extends LitElement {
  static override properties = {
    orders: { state: true },
    holderId: { state: true },
    points: { state: true },
    selected: { state: true },
    timeline: { state: true },
    problem: { state: true },
  };

  static override styles = [appStyles, css`
    .row { display: grid; grid-template-columns: minmax(16rem, 1fr) 2fr; gap: 1rem; }
  `];

  declare orders: OrderView[];
  declare holderId: string;
  /** The holder's balance; null when the holder has none yet (404). */
  declare points: number | null | undefined;
  declare selected: string | undefined;
  declare timeline: TimelineEntry[];
  declare problem: string | undefined;

  /**
   * What the stream brought per order, for the last orders seen: an event can reach this
   * tab before the monitor has stored it, so a timeline opened then is the monitor's list
   * merged with these.
   */
  readonly #streamed = new Map<string, TimelineEntry[]>();

  readonly stream = new SseController(this, () => `${base}/stream`, (message) => this.#apply(message));

  constructor() {
    super();
    this.orders = [];
    this.holderId = 'jjy';
    this.timeline = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadOrders();
    void this.#loadPoints();
  }

  async #loadOrders(): Promise<void> {
    try {
      const orders = await api<OrderView[]>(`${base}/orders`);
      // What the stream brought meanwhile is as new or newer: keep it.
      this.orders = orders.reduce((list, order) => upsertOrder(list, newer(list.find((o) => o.orderId === order.orderId), order)), this.orders);
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async #loadPoints(): Promise<void> {
    const holder = this.holderId;
    try {
      const answer = await api<{ userId: string; point: number }>(`${base}/points/${encodeURIComponent(holder)}`);
      if (holder === this.holderId) this.points = answer.point;
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) this.points = null;
      else this.problem = problemText(error);
    }
  }

  async #refresh(orderId: string): Promise<void> {
    try {
      const order = await api<OrderView>(`${base}/orders/${encodeURIComponent(orderId)}`);
      this.orders = upsertOrder(this.orders, newer(this.orders.find((o) => o.orderId === orderId), order));
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  async #select(orderId: string): Promise<void> {
    this.selected = orderId;
    this.timeline = [];
    try {
      const entries = await api<TimelineEntry[]>(`${base}/orders/${encodeURIComponent(orderId)}/events`);
      if (this.selected !== orderId) return;
      this.timeline = [...entries, ...(this.#streamed.get(orderId) ?? [])].reduce((list, entry) => withEntry(list, entry), this.timeline);
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  #apply(message: Envelope): void {
    const data = message.data as { orderId?: string; holderId?: string; balance?: number };
    if (!data.orderId) return;
    if (message.type === 'OrderCreated' && !this.orders.some((o) => o.orderId === data.orderId)) void this.#refresh(data.orderId);
    if (message.type === 'OrderPlaced' || message.type === 'OrderRejected') void this.#refresh(data.orderId);
    if ((message.type === 'PointsUsed' || message.type === 'PointsRefunded') && data.holderId === this.holderId && typeof data.balance === 'number') {
      this.points = data.balance;
    }
    const entry = { id: message.id, type: message.type, data: message.data, source: message.metadata.source, occurredAt: message.metadata.occurredAt };
    this.#remember(data.orderId, entry);
    if (data.orderId === this.selected) this.timeline = withEntry(this.timeline, entry);
  }

  #remember(orderId: string, entry: TimelineEntry): void {
    const entries = this.#streamed.get(orderId) ?? [];
    this.#streamed.delete(orderId); // re-inserted last: the map's first key is the order seen longest ago
    this.#streamed.set(orderId, [...entries, entry]);
    if (this.#streamed.size > rememberedOrders) this.#streamed.delete(this.#streamed.keys().next().value!);
  }

  #holderChanged(holderId: string): void {
    this.holderId = holderId;
    this.points = undefined;
    void this.#loadPoints();
  }

  override render() {
    const order = this.orders.find((o) => o.orderId === this.selected);
    return html`
      <p class="live">${liveText(this.stream)}</p>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      <div class="row">
        <section>
          <deadline-holder-points .holderId=${this.holderId} .points=${this.points}
            @holder-changed=${(e: CustomEvent<string>) => this.#holderChanged(e.detail)}
            @points-set=${(e: CustomEvent<number>) => { this.points = e.detail; }}></deadline-holder-points>
        </section>
        <section>
          <deadline-order-form .holderId=${this.holderId}
            @order-placed=${(e: CustomEvent<string>) => { void this.#refresh(e.detail); void this.#select(e.detail); }}></deadline-order-form>
        </section>
      </div>
      <section>
        <deadline-orders-table .orders=${this.orders} .selected=${this.selected}
          @order-selected=${(e: CustomEvent<string>) => void this.#select(e.detail)}></deadline-orders-table>
      </section>
      ${this.selected ? html`<section><deadline-order-timeline .orderId=${this.selected} .order=${order} .entries=${this.timeline}></deadline-order-timeline></section>` : null}`;
  }
}

/** Orders whose streamed events are kept for a timeline opened later. */
const rememberedOrders = 100;

/** The timeline with `entry` in it once, in the order the events occurred. */
function withEntry(list: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  if (list.some((e) => e.id === entry.id)) return [...list];
  return [...list, entry].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}
