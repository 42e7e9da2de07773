import { LitElement, html, svg } from 'lit';
import { ProblemError, api } from '../api.ts';
import { hasRole } from '../session.ts';
import { SseController } from '../sse-controller.ts';
import { flowBox, layoutFlow, type FlowLayout, type FlowRecord } from './flow-layout.ts';
import { liveText } from './live-text.ts';
import { Poller } from './poller.ts';
import { problemText } from './problem-text.ts';
import { operationsStyles } from './styles.ts';

/**
 * `<flow-graph correlation-id="…" landscape="…">`: the messages of one flow
 * (`GET /api/admin/flows/<correlationId>`) as a layered graph, causes above their effects.
 * Live: with `landscape`, an event of the flow on that landscape's stream re-fetches it
 * (a slow poll catches what the stream does not carry, such as commands); without, it polls
 * every 2 s.
 */
export class FlowGraph extends LitElement {
  static override properties = {
    correlationId: { type: String, attribute: 'correlation-id' },
    landscape: { type: String },
    layout: { state: true },
    problem: { state: true },
  };

  static override styles = operationsStyles;

  declare correlationId: string | undefined;
  declare landscape: string | undefined;
  declare layout: FlowLayout | undefined;
  declare problem: string | undefined;
  #shown: string | undefined;

  readonly poller = new Poller(this, () => (this.stream.connected ? 10_000 : 2_000), () => this.#load());
  readonly stream = new SseController(
    this,
    () => (this.landscape && this.correlationId && hasRole('ADMIN')
      ? `/api/${encodeURIComponent(this.landscape)}/stream?correlationId=${encodeURIComponent(this.correlationId)}`
      : undefined),
    () => this.poller.burst(),
  );

  /** The flow last asked for: a new correlation id is fetched at once, not at the next poll. */
  #requested: string | undefined;

  override updated(): void {
    if (this.correlationId !== this.#requested) this.poller.refresh();
  }

  async #load(): Promise<void> {
    const correlationId = this.correlationId;
    this.#requested = correlationId;
    if (!correlationId || !hasRole('ADMIN')) return;
    try {
      const records = await api<FlowRecord[]>(`/api/admin/flows/${encodeURIComponent(correlationId)}`);
      if (correlationId !== this.correlationId) return; // another flow was asked for meanwhile
      this.layout = layoutFlow(records);
      this.problem = undefined;
    } catch (error) {
      if (correlationId !== this.correlationId) return;
      // A flow just started may not be recorded yet: the graph fills in when it is.
      this.layout = undefined;
      this.problem = error instanceof ProblemError && error.status === 404 ? 'No messages recorded for this correlation id (yet).' : problemText(error);
    }
    this.#shown = correlationId;
  }

  override render() {
    if (!hasRole('ADMIN')) return html`<p class="muted">Log in as an admin to see flows.</p>`;
    if (!this.correlationId) return html`<p class="muted">No correlation id chosen.</p>`;
    const layout = this.correlationId === this.#shown ? this.layout : undefined;
    const mode = this.stream.connected ? 'stream' : this.landscape ? 'connecting' : 'polling';
    return html`
      <p class="summary">Flow <code>${this.correlationId}</code> · ${layout?.nodes.length ?? 0} messages · <span class="live" data-mode=${mode}>${liveText[mode]}</span></p>
      ${this.problem ? html`<p class="muted" role="status">${this.problem}</p>` : null}
      ${layout && layout.nodes.length > 0 ? this.#graph(layout) : null}`;
  }

  #graph(layout: FlowLayout) {
    const { width, height } = flowBox;
    return html`<svg class="flow" width=${layout.width} height=${layout.height} viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="messages of the flow">
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#6b7380"></path></marker></defs>
      ${layout.edges.map((e) => svg`<line class="edge" data-from=${e.from} data-to=${e.to} x1=${e.x1} y1=${e.y1} x2=${e.x2} y2=${e.y2} stroke="#6b7380" stroke-width="1.5" marker-end="url(#arrow)"></line>`)}
      ${layout.nodes.map((n) => svg`<g class="node ${n.kind}" data-id=${n.id} data-type=${n.type} transform="translate(${n.x} ${n.y})">
        <title>${n.id}\n${n.occurredAt}${n.handledBy.length ? `\nhandled by ${n.handledBy.join(', ')}` : ''}</title>
        <rect width=${width} height=${height} rx="6" fill=${n.kind === 'command' ? '#e8effc' : '#eaf6ec'} stroke=${n.kind === 'command' ? '#3b6fd1' : '#2f8a47'}></rect>
        <text x="10" y="20" font-weight="600">${clip(n.type, 22)}</text>
        <text x="10" y="38" fill="#5b6475">${n.kind} · ${clip(n.source ?? '?', 18)}</text>
      </g>`)}
    </svg>`;
  }
}

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
