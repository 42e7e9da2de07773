import { LitElement, css, html, svg } from 'lit';
import { api } from '../shared/api.ts';
import { problemText } from '../shared/operations/problem-text.ts';
import { hasRole } from '../shared/session.ts';
import { restaurantStyles } from './styles.ts';
import { sparkline, type CookView, type QueueHistory } from './views.ts';

/**
 * `<restaurant-cook-queues>`: each cook's queue length now and over time (a sparkline of
 * the last samples), how many orders each cooked, and — for an admin — pause / resume.
 */
export class RestaurantCookQueues extends LitElement {
  static override properties = { cooks: { attribute: false }, history: { attribute: false }, problem: { state: true } };
  static override styles = [restaurantStyles, css`svg { background: #f4f6f9; border-radius: 3px; } polyline { fill: none; stroke: #2f6fde; stroke-width: 1.5; }`];

  declare cooks: CookView[];
  declare history: QueueHistory;
  declare problem: string | undefined;

  constructor() {
    super();
    this.cooks = [];
    this.history = {};
  }

  async #pause(cook: CookView): Promise<void> {
    try {
      const changed = await api<CookView>(`/api/restaurant/cooks/${cook.name}`, { method: 'PUT', body: { paused: !cook.paused } });
      this.problem = undefined;
      this.dispatchEvent(new CustomEvent('cook-changed', { detail: changed, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  override render() {
    const max = Math.max(5, ...Object.values(this.history).flat());
    return html`
      <h2>Cooks</h2>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      <table>
        <thead><tr><th>Cook</th><th class="number">Queue</th><th>Queue over time</th><th class="number">Cooked</th><th></th></tr></thead>
        <tbody>
          ${this.cooks.map((cook) => html`
            <tr data-cook=${cook.name}>
              <td>${cook.name} ${cook.paused ? html`<span class="badge paused">paused</span>` : null}</td>
              <td class="number queue">${cook.queueLength}</td>
              <td><svg width="160" height="24" viewBox="0 0 160 24">${svg`<polyline points=${sparkline(this.history[cook.name] ?? [], 160, 24, max)}></polyline>`}</svg></td>
              <td class="number cooked">${cook.cooked}</td>
              <td>${hasRole('ADMIN') ? html`<button type="button" @click=${() => this.#pause(cook)}>${cook.paused ? 'Resume' : 'Pause'}</button>` : null}</td>
            </tr>`)}
        </tbody>
      </table>`;
  }
}
