import { Decimal } from '../shared/decimal.ts';

/** A component's price: `total` includes `tax`. */
export interface Price {
  total: Decimal;
  tax: Decimal;
}

export const vatRate = Decimal.of('0.077');

/**
 * `mk(net)` of the spec: the net rounded to rappen half-up, 7.7 % tax on it rounded
 * half-down, total = net + tax.
 */
export function mk(net: Decimal | string): Price {
  const n = Decimal.of(net).round(2, 'half-up');
  const tax = vatRate.times(n).round(2, 'half-down');
  return { total: n.plus(tax), tax };
}

export function sum(prices: readonly Price[]): Price {
  return prices.reduce((a, b) => ({ total: a.total.plus(b.total), tax: a.tax.plus(b.tax) }), { total: Decimal.zero, tax: Decimal.zero });
}

export function times(price: Price, factor: Decimal | string): Price {
  return { total: price.total.times(factor), tax: price.tax.times(factor) };
}

/**
 * With discounts/surcharges on a component: `mk((total − tax) × (1 + Σ values))`. The
 * factor never goes below 0: discounts adding up to 100 % or more make the component free,
 * never a negative price (the automatic 5 % plus a manual 100 % would otherwise be −5 %).
 */
export function withDiscounts(price: Price, values: readonly (Decimal | string)[]): Price {
  if (values.length === 0) return price;
  const factor = values.reduce<Decimal>((a, v) => a.plus(v), Decimal.of(1));
  return mk(price.total.minus(price.tax).times(factor.compare(0) < 0 ? Decimal.zero : factor));
}

/** The largest price pricing computes (prices are stored with 14 digits, 2 after the point). */
export const maxPrice = Decimal.of('1000000000');
