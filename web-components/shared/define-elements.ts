/**
 * Defines each custom element (tag name → class) that this page has not defined yet: two
 * bundles on one page (a landscape's and the operations page's) may carry the same element,
 * and defining a name twice throws.
 */
export function defineElements(elements: Record<string, CustomElementConstructor>): void {
  for (const [name, element] of Object.entries(elements)) if (!customElements.get(name)) customElements.define(name, element);
}
