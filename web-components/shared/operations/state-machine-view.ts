import { LitElement, html, svg } from 'lit';
import { ProblemError, api } from '../api.ts';
import { hasRole } from '../session.ts';
import { SseController } from '../sse-controller.ts';
import { definitionFor, stateText, type InstanceDescription, type OrchestratorDefinition } from './orchestrator-types.ts';
import { liveText } from './live-text.ts';
import { openVisualiser } from './open-visualiser.ts';
import { Poller } from './poller.ts';
import { problemText } from './problem-text.ts';
import { layoutStatechart, type StatechartLayout } from './statechart-layout.ts';
import { activeStates, readStatechart, type Statechart } from './statechart-model.ts';
import { inspectionMessages, statelyInspectUrl } from './stately-protocol.ts';
import { operationsStyles } from './styles.ts';

/**
 * `<state-machine-view machine="name" instance="key" landscape="…">`: the machine's
 * statechart (from `GET /api/admin/orchestrators`, the version the instance runs) with the
 * instance's current state highlighted (`GET /api/admin/orchestrators/<name>/instances/<key>`),
 * its context and history. Live: with `landscape`, an event of the instance's correlation
 * (the process key by default) on that stream re-fetches it; without, it polls every 2 s.
 * "Open in Stately" opens the instance in Stately's visualiser (`visualiser`, default
 * stately.ai/inspect) when it answers within `visualiser-wait` ms, else this view of it on
 * its own page (`own-view`, default `/operations`).
 */
export class StateMachineView extends LitElement {
  static override properties = {
    machine: { type: String },
    instance: { type: String },
    landscape: { type: String },
    visualiser: { type: String },
    visualiserWait: { type: Number, attribute: 'visualiser-wait' },
    ownView: { type: String, attribute: 'own-view' },
    orchestrators: { state: true },
    opened: { state: true },
    description: { state: true },
    problem: { state: true },
  };

  static override styles = operationsStyles;

  declare machine: string | undefined;
  declare instance: string | undefined;
  declare landscape: string | undefined;
  declare orchestrators: OrchestratorDefinition[] | undefined;
  declare description: InstanceDescription | undefined;
  declare problem: string | undefined;
  declare visualiser: string;
  declare visualiserWait: number;
  declare ownView: string;
  /** Where the last "Open in Stately" showed the instance. */
  declare opened: 'opening' | 'stately' | 'own' | 'blocked' | undefined;
  #charts = new Map<string, { chart: Statechart; layout: StatechartLayout }>();

  readonly poller = new Poller(this, () => (this.stream.connected ? 10_000 : 2_000), () => this.#load());
  readonly stream = new SseController(
    this,
    () => (this.landscape && this.instance && hasRole('ADMIN')
      ? `/api/${encodeURIComponent(this.landscape)}/stream?correlationId=${encodeURIComponent(this.instance)}`
      : undefined),
    () => this.poller.burst(),
  );

  /** The machine and instance last asked for: a new choice is fetched at once, not at the next poll. */
  #requested: string | undefined;

  constructor() {
    super();
    this.visualiser = statelyInspectUrl;
    this.visualiserWait = 5_000;
    this.ownView = '/operations';
  }

  override updated(): void {
    if (`${this.machine}/${this.instance}` !== this.#requested) this.poller.refresh();
  }

  async #load(): Promise<void> {
    const { machine, instance } = this;
    this.#requested = `${machine}/${instance}`;
    if (!machine || !hasRole('ADMIN')) return;
    try {
      // Definitions change only with a deployment: fetched once per page.
      this.orchestrators ??= await api<OrchestratorDefinition[]>('/api/admin/orchestrators');
      if (!instance) return;
      const description = await api<InstanceDescription>(`/api/admin/orchestrators/${encodeURIComponent(machine)}/instances/${encodeURIComponent(instance)}`);
      if (machine !== this.machine || instance !== this.instance) return;
      this.description = description;
      this.problem = undefined;
    } catch (error) {
      if (machine !== this.machine || instance !== this.instance) return;
      this.problem = error instanceof ProblemError && error.status === 404 ? `No instance ${instance} of ${machine} (yet).` : problemText(error);
    }
  }

  #chart(version: number, definition: unknown) {
    const key = `${this.machine}@${version}`;
    let chart = this.#charts.get(key);
    if (!chart) {
      const read = readStatechart(definition);
      chart = { chart: read, layout: layoutStatechart(read) };
      this.#charts.set(key, chart);
    }
    return chart;
  }

  override render() {
    if (!hasRole('ADMIN')) return html`<p class="muted">Log in as an admin to see orchestrators.</p>`;
    if (!this.machine) return html`<p class="muted">No machine chosen.</p>`;
    const orchestrator = this.orchestrators?.find((o) => o.name === this.machine);
    const description = this.description?.machine === this.machine && this.description.key === this.instance ? this.description : undefined;
    const chosen = definitionFor(orchestrator, description?.version);
    const mode = this.stream.connected ? 'stream' : this.landscape ? 'connecting' : 'polling';
    return html`
      <p class="summary">Machine <code>${this.machine}${chosen ? `@${chosen.version}` : ''}</code>${this.instance ? html` · instance <code>${this.instance}</code>` : null}${description ? html` · <span class="current">${stateText(description.state)}</span> (${description.status})` : null}${this.instance ? html` · <span class="live" data-mode=${mode}>${liveText[mode]}</span>` : null}${description && chosen?.config ? this.#visualiserButton(chosen.config, description) : null}</p>
      ${this.problem ? html`<p class="muted" role="status">${this.problem}</p>` : null}
      ${this.orchestrators && !orchestrator ? html`<p class="problem">No orchestrator named ${this.machine} runs here.</p>` : null}
      ${chosen ? this.#drawing(this.#chart(chosen.version, chosen.definition), description) : null}
      ${description ? this.#details(description) : null}`;
  }

  #visualiserButton(config: unknown, description: InstanceDescription) {
    const said = { opening: 'waiting for Stately…', stately: 'opened in Stately', own: 'Stately is not reachable: opened here on its own page', blocked: 'the browser blocked the window' };
    return html` · <button class="visualise" type="button" data-opened=${this.opened ?? ''} ?disabled=${this.opened === 'opening'}
        @click=${() => this.#openInVisualiser(config, description)}>Open in Stately</button>${this.opened ? html` <span class="opened muted">${said[this.opened]}</span>` : null}`;
  }

  async #openInVisualiser(config: unknown, description: InstanceDescription): Promise<void> {
    const own = new URLSearchParams({ machine: description.machine, instance: description.key, ...(this.landscape ? { landscape: this.landscape } : {}) });
    this.opened = 'opening';
    this.opened = await openVisualiser({
      url: this.visualiser, wait: this.visualiserWait, messages: inspectionMessages(config, description), fallbackUrl: `${this.ownView}?${own}`,
    });
  }

  #drawing({ chart, layout }: { chart: Statechart; layout: StatechartLayout }, description: InstanceDescription | undefined) {
    const active = description ? activeStates(chart.root, description.state) : new Set<string>();
    return html`<svg class="statechart" width=${layout.width} height=${layout.height} viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="statechart">
      <defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#5b6475"></path></marker></defs>
      ${layout.boxes.map((b) => {
        const on = active.has(b.id) && b.level > 0;
        const leaf = on && !b.compound;
        return svg`<g class="state ${on ? 'active' : ''} ${b.type}" data-id=${b.id} data-key=${b.key} data-active=${on ? 'true' : 'false'}>
          <rect x=${b.x} y=${b.y} width=${b.width} height=${b.height} rx="8" fill=${leaf ? '#ffe9a8' : b.compound ? (on ? '#fff8e1' : '#fafbfc') : '#ffffff'}
            stroke=${on ? '#d18b00' : '#8a93a3'} stroke-width=${on ? 2.5 : 1}></rect>
          ${b.type === 'final' ? svg`<rect x=${b.x + 3} y=${b.y + 3} width=${b.width - 6} height=${b.height - 6} rx="6" fill="none" stroke="#8a93a3"></rect>` : null}
          <text x=${b.textX} y=${b.textY} text-anchor=${b.compound ? 'start' : 'middle'} font-weight=${on ? '700' : '400'}>${b.key}</text>
          ${b.internal.map((line) => svg`<text class="internal" x=${b.textX} y=${line.y} text-anchor=${b.compound ? 'start' : 'middle'} fill="#39404d" font-size="11">↺ ${line.label}</text>`)}
        </g>`;
      })}
      ${layout.arrows.map((a) => svg`<g class="transition" data-source=${a.source} data-target=${a.target}>
        <path d=${a.d} fill="none" stroke="#5b6475" marker-end="url(#head)"></path>
        <text x=${a.labelX} y=${a.labelY} text-anchor="middle" fill="#39404d" font-size="11">${a.label}</text>
      </g>`)}
    </svg>`;
  }

  #details(description: InstanceDescription) {
    return html`<details open><summary>Context and history (revision ${description.revision})</summary>
      <pre class="context">${JSON.stringify(description.context, null, 2)}</pre>
      <table class="history"><thead><tr><th>At</th><th>Message</th><th>State after</th></tr></thead><tbody>
        ${description.history.map((h) => html`<tr><td>${h.at}</td><td>${h.messageType}</td><td>${stateText(h.stateValue)}</td></tr>`)}
      </tbody></table>
    </details>`;
  }
}
