import { BusinessError } from '../../../actors/mod.ts';
import type { DraftComponent } from '../products/draft-component.ts';
import { Decimal } from '../shared/decimal.ts';
import { mk, sum, times, type Price } from './mark-up.ts';

const per = (rate: string, config: string) => (c: DraftComponent) => mk(Decimal.of(rate).times(configValue(c, config)));

/** What a price depends on besides the tree: the milk index of the priced year (1 for a product not indexed). */
export interface PriceFactors {
  milkIndex: Decimal;
}

export const unindexed: PriceFactors = { milkIndex: Decimal.of(1) };

/** The price of each kind of leaf (spec, Pricing; an indexed product's Milk × index(Y), rounded once by mk). */
const leafRules: Record<string, (component: DraftComponent, factors: PriceFactors) => Price> = {
  Milk: (c, { milkIndex }) => mk(Decimal.of(4).times(configValue(c, 'VOLUME')).times('0.001').plus(Decimal.of('0.1').times(configValue(c, 'FAT_CONTENT'))).times(milkIndex)),
  Butter: per('0.001', 'WEIGHT'),
  Sugar: per('0.0004', 'WEIGHT'),
  VanillaSugar: per('0.0004', 'WEIGHT'),
  Flour: per('0.00012', 'WEIGHT'),
  CoffeePowder: per('0.028', 'WEIGHT'),
  GlassBottle: () => mk('0.48'),
  VanillaExtract: () => ({ total: Decimal.zero, tax: Decimal.zero }),
};

/** A parent's price from its kids' (already discounted) prices. */
export function parentPrice(component: DraftComponent, kids: readonly Price[]): Price {
  if (component.componentDefinitionId === 'CardboardBox') {
    const box = mk('0.12');
    const contents = times(sum(kids), configValue(component, 'QUANTITY'));
    return sum([contents, box]);
  }
  return sum(kids);
}

export function leafPrice(component: DraftComponent, factors: PriceFactors = unindexed): Price {
  const rule = Object.hasOwn(leafRules, component.componentDefinitionId) ? leafRules[component.componentDefinitionId] : undefined;
  if (!rule) throw new BusinessError(`no pricing rule found for leaf component ${component.componentDefinitionId}`);
  return rule(component, factors);
}

function configValue(component: DraftComponent, name: string): Decimal {
  const config = component.configs.find((c) => c.name === name);
  if (!config || !Decimal.isDecimal(config.value)) throw new BusinessError(`component ${component.path} has no numeric ${name} to price`);
  return Decimal.of(config.value);
}
