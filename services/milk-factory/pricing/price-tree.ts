import { BusinessError } from '../../../actors/mod.ts';
import type { DraftComponent } from '../products/draft-component.ts';
import { maxPrice, withDiscounts, type Price } from './mark-up.ts';
import { leafPrice, parentPrice, unindexed, type PriceFactors } from './pricing-rules.ts';

/** A discount (negative) or surcharge (positive) on one component, as dsc reports it. */
export interface ComponentDiscount {
  componentId: string;
  value: string;
}

/** Prices as money text with two places, as `PricesUpdated` and the REST API carry them. */
export type PriceTable = Record<string, { total: string; tax: string }>;

/**
 * Every component's price, children first: a leaf by its rule, a parent from its kids,
 * then the discounts and surcharges on the component itself. `factors`: the priced year's
 * index for an indexed product.
 */
export function priceTree(components: readonly DraftComponent[], discounts: readonly ComponentDiscount[], factors: PriceFactors = unindexed): Map<string, Price> {
  const prices = new Map<string, Price>();
  const priceOf = (component: DraftComponent): Price => {
    const kids = components.filter((c) => c.parentId === component.id).map(priceOf);
    const own = kids.length === 0 ? leafPrice(component, factors) : parentPrice(component, kids);
    const price = withDiscounts(own, discounts.filter((d) => d.componentId === component.id).map((d) => d.value));
    // A business error, not a technical one: the same draft would fail every retry and park.
    if (price.total.abs().compare(maxPrice) > 0) {
      throw new BusinessError(`the price of ${component.path} is more than the largest price, ${maxPrice.toFixed(2)}; lower its configuration`);
    }
    prices.set(component.id, price);
    return price;
  };
  for (const root of components.filter((c) => c.parentId === null)) priceOf(root);
  return prices;
}

export function priceTable(prices: ReadonlyMap<string, Price>): PriceTable {
  return Object.fromEntries([...prices].map(([id, p]) => [id, { total: p.total.toFixed(2), tax: p.tax.toFixed(2) }]));
}
