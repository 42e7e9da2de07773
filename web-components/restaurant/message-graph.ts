import { LitElement, css, html } from 'lit';
import { restaurantStyles } from './styles.ts';
import { idLabel } from '../shared/short-id.ts';
import { causationGraph, type MessageView } from './views.ts';

/**
 * `<restaurant-message-graph>`: one order's messages as a causation tree — each message
 * under the one that caused it — with id, correlation and causation ids.
 */
export class RestaurantMessageGraph extends LitElement {
  static override properties = { orderId: { attribute: false }, messages: { attribute: false } };
  static override styles = [restaurantStyles, css`
    .node { display: inline-flex; gap: 0.4rem; align-items: baseline; }
    .node::before { content: '↳'; color: #9aa3b2; }
    tr.root .node::before { content: ''; }
    .command { color: #7a3db8; }
    .event { color: #1f6b33; }
  `];

  declare orderId: string | undefined;
  declare messages: MessageView[];

  constructor() {
    super();
    this.messages = [];
  }

  override render() {
    if (!this.orderId) return html`<h2>Message graph</h2><p class="muted">Select an order on the board.</p>`;
    const graph = causationGraph(this.messages);
    return html`
      <h2>Message graph <small>order ${idLabel(this.orderId)}, correlation ${idLabel(this.messages[0]?.correlationId)}</small></h2>
      <table>
        <thead><tr><th>Message</th><th>Id</th><th>Correlation</th><th>Causation</th><th>From</th></tr></thead>
        <tbody>
          ${graph.map((node) => html`
            <tr class=${node.depth === 0 ? 'root' : ''} data-type=${node.type} data-id=${node.id}>
              <td style="padding-left:${0.5 + node.depth}rem"><span class="node"><span class=${node.kind}>${node.type}</span></span></td>
              <td>${idLabel(node.id)}</td>
              <td>${idLabel(node.correlationId)}</td>
              <td>${idLabel(node.causationId)}</td>
              <td class="muted">${node.source?.replace('restaurant.', '') ?? ''}</td>
            </tr>`)}
        </tbody>
      </table>`;
  }
}
