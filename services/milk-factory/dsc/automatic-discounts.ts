import type { DraftComponent } from '../products/draft-component.ts';
import { Decimal } from '../shared/decimal.ts';

/** One discount (negative) or surcharge row of dsc, as `DiscountsSurchargesAdded` and the REST API carry it. */
export interface DiscountRow {
  componentId: string;
  definitionId: string;
  value: string;
  addedManually: boolean;
}

/**
 * Automatic rule `CM_Q_GE_10`: a CardboardBox of COOKIES_MILKSHAKE with QUANTITY ≥ 10
 * gets −0.05 on the box.
 */
export function automaticDiscounts(productId: string, components: readonly DraftComponent[]): DiscountRow[] {
  if (productId !== 'COOKIES_MILKSHAKE') return [];
  return components.flatMap((c) => {
    if (c.componentDefinitionId !== 'CardboardBox') return [];
    const quantity = c.configs.find((config) => config.name === 'QUANTITY')?.value;
    if (quantity === undefined || !Decimal.isDecimal(quantity) || Decimal.of(quantity).compare(10) < 0) return [];
    return [{ componentId: c.id, definitionId: 'CM_Q_GE_10', value: '-0.05', addedManually: false }];
  });
}

export const manualDefinitionId = 'MANUAL';

/** A manual discount as stored: always a discount, `−|value|` (spec). */
export function manualDiscountValue(value: string | number): string {
  return Decimal.of(value).abs().negate().toString();
}

/**
 * Every discount of a draft after a change: the automatic ones recomputed, the manual
 * ones kept where their component still exists.
 */
export function discountsAfterChange(productId: string, components: readonly DraftComponent[], manual: readonly DiscountRow[]): DiscountRow[] {
  const ids = new Set(components.map((c) => c.id));
  return [...automaticDiscounts(productId, components), ...manual.filter((m) => ids.has(m.componentId))];
}
