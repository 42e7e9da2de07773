import { LitElement, css, html, type TemplateResult } from 'lit';
import { definitionOf, type Component, type DefinitionNode, type Discount, type PriceTable } from './model.ts';
import { chf, pageStyles } from './styles.ts';

/**
 * `<mf-component-tree>`: a draft's components with their prices and discount tags; when
 * `editable`, a picker per configuration with a permitted set, and add/remove buttons
 * within the cardinalities. Changes are asked for with events (`config-change`,
 * `add-component`, `remove-component`), never made here.
 */
export class MfComponentTree extends LitElement {
  static override properties = {
    components: { attribute: false },
    prices: { attribute: false },
    discounts: { attribute: false },
    definitions: { attribute: false },
    editable: { type: Boolean },
  };

  static override styles = [pageStyles, css`
    ul { list-style: none; padding-left: 1.1rem; margin: 0; }
    li { margin: 0.2rem 0; }
    .node { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    .name { font-weight: 600; }
    .config { font-size: 0.85rem; color: #39414f; }
  `];

  declare components: Component[];
  declare prices: PriceTable;
  declare discounts: Discount[];
  declare definitions: DefinitionNode | undefined;
  declare editable: boolean;

  constructor() {
    super();
    this.components = [];
    this.prices = {};
    this.discounts = [];
    this.editable = false;
  }

  override render() {
    const roots = this.components.filter((c) => c.parentId === null);
    return html`<ul>${roots.map((c) => this.#node(c))}</ul>`;
  }

  #node(component: Component): TemplateResult {
    const kids = this.components.filter((c) => c.parentId === component.id);
    const definition = definitionOf(this.definitions, component.path);
    const siblings = this.components.filter((c) => c.parentId === component.parentId && c.componentDefinitionId === component.componentDefinitionId);
    const price = this.prices[component.id];
    const tags = this.discounts.filter((d) => d.componentId === component.id);
    return html`<li data-path=${component.path}>
      <div class="node">
        <span class="name">${component.path.split('->').at(-1)}</span>
        <span class="money price">${price ? chf(price.total) : '…'}</span>
        ${tags.map((d) => html`<span class="tag">${d.definitionId} ${Math.round(Number(d.value) * 1000) / 10} %</span>`)}
        ${component.configs.map((config) => this.#config(component, config.name, config.value, config.units, definition))}
        ${this.editable && component.parentId !== null && definition && siblings.length < definition.cardinality.max
          ? html`<button type="button" title="add another" @click=${() => this.#emit('add-component', { path: component.path })}>+ ${component.componentDefinitionId}</button>` : null}
        ${this.editable && component.parentId !== null && definition && siblings.length > definition.cardinality.min
          ? html`<button type="button" title="remove" @click=${() => this.#emit('remove-component', { path: component.path })}>− remove</button>` : null}
      </div>
      ${kids.length > 0 ? html`<ul>${kids.map((k) => this.#node(k))}</ul>` : null}
    </li>`;
  }

  #config(component: Component, name: string, value: string, units: string, definition: DefinitionNode | undefined) {
    const allowed = definition?.configs.find((c) => c.name === name)?.allowed;
    if (!this.editable || !allowed) return html`<span class="config">${name} ${value} ${units}</span>`;
    return html`<label class="config">${name}
      <select name=${name} @change=${(e: Event) => this.#emit('config-change', { path: component.path, name, value: (e.target as HTMLSelectElement).value })}>
        ${allowed.map((a) => html`<option value=${a} ?selected=${a === value}>${a}</option>`)}
      </select> ${units}</label>`;
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
