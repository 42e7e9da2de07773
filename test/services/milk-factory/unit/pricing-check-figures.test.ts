import { describe, expect, it } from 'vitest';
import { automaticDiscounts } from '../../../../services/milk-factory/dsc/automatic-discounts.ts';
import { mk, withDiscounts } from '../../../../services/milk-factory/pricing/mark-up.ts';
import { priceTable, priceTree } from '../../../../services/milk-factory/pricing/price-tree.ts';
import { leafPrice } from '../../../../services/milk-factory/pricing/pricing-rules.ts';
import { configureComponent } from '../../../../services/milk-factory/products/configure-component.ts';
import type { DraftComponent } from '../../../../services/milk-factory/products/draft-component.ts';
import { byPath, newTree, productRoot } from './support.ts';

function priced(productId: string, components: DraftComponent[]) {
  const table = priceTable(priceTree(components, automaticDiscounts(productId, components)));
  return (path: string) => table[byPath(components, path).id]!;
}

describe('pricing check figures (spec, Pricing)', () => {
  it('mk rounds the net half-up and the 7.7 % tax half-down', () => {
    expect(mk('0.015')).toMatchObject({ total: expect.anything() });
    expect(mk('0.015').total.toString()).toBe('0.02');
    expect(mk('0.48').total.toString()).toBe('0.52');
    expect(mk('0.12').total.toString()).toBe('0.13');
  });

  it('never prices below zero: discounts adding up to 100 % or more make a component free', () => {
    expect(withDiscounts(mk('46.06'), ['-0.05', '-1']).total.toString()).toBe('0');
    expect(withDiscounts(mk('46.06'), ['-1']).total.toString()).toBe('0');
    expect(withDiscounts(mk('10'), ['-0.5']).total.toFixed(2)).toBe('5.38');
  });

  it('prices the milkshake: Milk 4.29 (tax 0.31), Cookies 0.03, GlassBottle 0.52, Drink 4.84', () => {
    const price = priced('COOKIES_MILKSHAKE', newTree('COOKIES_MILKSHAKE'));
    expect(price('CardboardBox1->Drink1->Milk1')).toEqual({ total: '4.29', tax: '0.31' });
    expect(price('CardboardBox1->Drink1->Cookies1').total).toBe('0.03');
    expect(price('CardboardBox1->Drink1->GlassBottle1').total).toBe('0.52');
    expect(price('CardboardBox1->Drink1').total).toBe('4.84');
  });

  it('prices the box 48.53 before and 46.06 (tax 3.29) after the automatic 5 % discount', () => {
    const components = newTree('COOKIES_MILKSHAKE');
    const before = priceTable(priceTree(components, []));
    expect(before[byPath(components, 'CardboardBox1').id]!.total).toBe('48.53');
    expect(priced('COOKIES_MILKSHAKE', components)('CardboardBox1')).toEqual({ total: '46.06', tax: '3.29' });
  });

  it('prices QUANTITY 5 at 24.33 with no automatic discount', () => {
    const root = productRoot('COOKIES_MILKSHAKE');
    const components = configureComponent(root, newTree('COOKIES_MILKSHAKE'), { path: 'CardboardBox1', name: 'QUANTITY', value: 5 });
    expect(automaticDiscounts('COOKIES_MILKSHAKE', components)).toEqual([]);
    expect(priced('COOKIES_MILKSHAKE', components)('CardboardBox1').total).toBe('24.33');
  });

  it('prices Milk with fat 3.5 at 4.47', () => {
    const root = productRoot('COOKIES_MILKSHAKE');
    const components = configureComponent(root, newTree('COOKIES_MILKSHAKE'), { path: 'CardboardBox1->Drink1->Milk1', name: 'FAT_CONTENT', value: '3.5' });
    expect(priced('COOKIES_MILKSHAKE', components)('CardboardBox1->Drink1->Milk1').total).toBe('4.47');
  });

  it('prices the latte box at 51.23 (no automatic discount on a latte)', () => {
    const components = newTree('COFFEE_LATTE_SKINNY');
    expect(automaticDiscounts('COFFEE_LATTE_SKINNY', components)).toEqual([]);
    expect(priced('COFFEE_LATTE_SKINNY', components)('CardboardBox1').total).toBe('51.23');
  });

  it('applies manual discounts and surcharges as mk((total − tax) × (1 + Σ values))', () => {
    const components = newTree('COOKIES_MILKSHAKE');
    const milk = byPath(components, 'CardboardBox1->Drink1->Milk1');
    const table = priceTable(priceTree(components, [{ componentId: milk.id, value: '-0.1' }]));
    // (4.29 − 0.31) × 0.9 = 3.582 → 3.58 + tax 0.27566 → 0.28 = 3.86
    expect(table[milk.id]).toEqual({ total: '3.86', tax: '0.28' });
  });

  it('refuses a leaf without a pricing rule with the spec message', () => {
    const leaf: DraftComponent = { id: 'x', parentId: null, path: 'Chocolate1', componentDefinitionId: 'Chocolate', configs: [] };
    expect(() => leafPrice(leaf)).toThrow('no pricing rule found for leaf component Chocolate');
  });
});
