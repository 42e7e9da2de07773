import { describe, expect, it } from 'vitest';
import { addSibling, removeComponent } from '../../../../services/milk-factory/products/change-cardinality.ts';
import { configureComponent } from '../../../../services/milk-factory/products/configure-component.ts';
import { contractDefinition, contractEnd } from '../../../../services/milk-factory/products/contract-definition.ts';
import { validateTree } from '../../../../services/milk-factory/products/validate-tree.ts';
import { byPath, counterIds, newTree, productRoot } from './support.ts';

const milkshake = productRoot('COOKIES_MILKSHAKE');
const latte = productRoot('COFFEE_LATTE_SKINNY');
const milkPath = 'CardboardBox1->Drink1->Milk1';

describe('products and contract definitions', () => {
  it('finds a product from its valid-from date, and refuses another product or an earlier start with the spec message', () => {
    expect(contractDefinition('COOKIES_MILKSHAKE', '2020-10-01').durationDays).toBe(720);
    expect(contractDefinition('COFFEE_LATTE_SKINNY', '2021-02-01').durationDays).toBe(390);
    expect(() => contractDefinition('COOKIES_MILKSHAKE', '2020-09-30')).toThrow('No matching contract definition - try a different date or product');
    expect(() => contractDefinition('COFFEE_LATTE_SKINNY', '2021-01-31')).toThrow('No matching contract definition - try a different date or product');
    expect(() => contractDefinition('BANANA_SPLIT', '2023-01-01')).toThrow('No matching contract definition - try a different date or product');
  });

  it('ends a contract start + duration days later', () => {
    expect(contractEnd('2021-01-01', 720)).toBe('2022-12-22');
    expect(contractEnd('2021-02-01', 390)).toBe('2022-02-26');
  });

  it('builds the milkshake tree with paths, defaults and one Sugar', () => {
    const tree = newTree('COOKIES_MILKSHAKE');
    expect(tree.map((c) => c.path)).toEqual([
      'CardboardBox1', 'CardboardBox1->Drink1', milkPath, 'CardboardBox1->Drink1->Cookies1',
      'CardboardBox1->Drink1->Cookies1->Butter1', 'CardboardBox1->Drink1->Cookies1->Sugar1', 'CardboardBox1->Drink1->Cookies1->Flour1',
      'CardboardBox1->Drink1->GlassBottle1',
    ]);
    expect(byPath(tree, 'CardboardBox1').configs).toEqual([
      { name: 'SPACES', value: '10', units: 'pieces' }, { name: 'QUANTITY', value: '10', units: 'pieces' }, { name: 'MATERIAL', value: 'CARDBOARD', units: 'material' },
    ]);
    expect(byPath(tree, milkPath).configs).toEqual([{ name: 'VOLUME', value: '950', units: 'ml' }, { name: 'FAT_CONTENT', value: '1.8', units: '%' }]);
  });

  it('builds the latte tree with two VanillaSugars each with a VanillaExtract', () => {
    const tree = newTree('COFFEE_LATTE_SKINNY');
    expect(tree.filter((c) => c.componentDefinitionId === 'VanillaSugar').map((c) => c.path)).toEqual(['CardboardBox1->Drink1->VanillaSugar1', 'CardboardBox1->Drink1->VanillaSugar2']);
    expect(tree.filter((c) => c.componentDefinitionId === 'VanillaExtract')).toHaveLength(2);
    expect(byPath(tree, milkPath).configs).toEqual([{ name: 'VOLUME', value: '990', units: 'ml' }, { name: 'FAT_CONTENT', value: '0.2', units: '%' }]);
  });
});

describe('configuration rules', () => {
  it('changes a permitted value', () => {
    const tree = configureComponent(milkshake, newTree('COOKIES_MILKSHAKE'), { path: milkPath, name: 'FAT_CONTENT', value: 3.5 });
    expect(byPath(tree, milkPath).configs[1]).toEqual({ name: 'FAT_CONTENT', value: '3.5', units: '%' });
  });

  it('refuses a value outside the permitted set with the spec message', () => {
    expect(() => configureComponent(milkshake, newTree('COOKIES_MILKSHAKE'), { path: milkPath, name: 'FAT_CONTENT', value: 7 }))
      .toThrow('Component configuration value 7 is not in the permitted set of values [0.2, 1.8, 3.5] at path CardboardBox1->Drink1->Milk1');
    expect(() => configureComponent(milkshake, newTree('COOKIES_MILKSHAKE'), { path: 'CardboardBox1', name: 'QUANTITY', value: 7 }))
      .toThrow('Component configuration value 7 is not in the permitted set of values [5, 10] at path CardboardBox1');
  });

  it('refuses a permitted latte fat content that breaks the rule FAT_CONTENT <= 1.5', () => {
    const tree = newTree('COFFEE_LATTE_SKINNY');
    expect(() => configureComponent(latte, tree, { path: milkPath, name: 'FAT_CONTENT', value: '1.8' }))
      .toThrow('Rule evaluated to false: FAT_CONTENT <= 1.5 at path CardboardBox1->Drink1->Milk1');
    expect(byPath(configureComponent(latte, tree, { path: milkPath, name: 'FAT_CONTENT', value: '1.4' }), milkPath).configs[1]!.value).toBe('1.4');
  });

  it('refuses a value beyond its stated bound, with more than 3 decimals, or a MATERIAL longer than 50 characters', () => {
    const butter = 'CardboardBox1->Drink1->Cookies1->Butter1';
    const tree = newTree('COOKIES_MILKSHAKE');
    expect(byPath(configureComponent(milkshake, tree, { path: butter, name: 'WEIGHT', value: 100_000 }), butter).configs[0]!.value).toBe('100000');
    expect(() => configureComponent(milkshake, tree, { path: butter, name: 'WEIGHT', value: 1e30 })).toThrow(/is not a number|more than the largest WEIGHT/);
    expect(() => configureComponent(milkshake, tree, { path: butter, name: 'WEIGHT', value: 1e9 })).toThrow('Component configuration value 1000000000 is more than the largest WEIGHT, 100000, at path CardboardBox1->Drink1->Cookies1->Butter1');
    expect(() => configureComponent(milkshake, tree, { path: butter, name: 'WEIGHT', value: '100000.001' })).toThrow(/more than the largest WEIGHT/);
    expect(() => configureComponent(milkshake, tree, { path: butter, name: 'WEIGHT', value: 0.0001 })).toThrow(/more than 3 decimals/);
    expect(() => configureComponent(milkshake, tree, { path: 'CardboardBox1', name: 'MATERIAL', value: 'x'.repeat(51) })).toThrow(/longer than 50/);
  });

  it('refuses an unknown configuration and a path that does not exist', () => {
    expect(() => configureComponent(milkshake, newTree('COOKIES_MILKSHAKE'), { path: milkPath, name: 'WEIGHT', value: 1 })).toThrow(/does not exist at path/);
    expect(() => configureComponent(milkshake, newTree('COOKIES_MILKSHAKE'), { path: 'CardboardBox1->Drink9', name: 'VOLUME', value: 1 })).toThrow('no component at path CardboardBox1->Drink9');
  });
});

describe('cardinalities', () => {
  const sugarPath = 'CardboardBox1->Drink1->Cookies1->Sugar1';

  it('adds a sibling with the highest counter + 1, and never renumbers after a removal', () => {
    const ids = counterIds();
    let tree = newTree('COOKIES_MILKSHAKE');
    tree = addSibling(milkshake, tree, sugarPath, () => `n${ids()}`);
    tree = addSibling(milkshake, tree, sugarPath, () => `m${ids()}`);
    tree = removeComponent(milkshake, tree, 'CardboardBox1->Drink1->Cookies1->Sugar2');
    tree = removeComponent(milkshake, tree, sugarPath);
    tree = addSibling(milkshake, tree, 'CardboardBox1->Drink1->Cookies1->Sugar3', () => `o${ids()}`);
    expect(tree.filter((c) => c.componentDefinitionId === 'Sugar').map((c) => c.path.split('->').at(-1))).toEqual(['Sugar3', 'Sugar4']);
  });

  it('refuses a fourth Sugar with the spec message', () => {
    let tree = newTree('COOKIES_MILKSHAKE');
    const ids = counterIds();
    tree = addSibling(milkshake, tree, sugarPath, () => `x${ids()}`);
    tree = addSibling(milkshake, tree, sugarPath, () => `y${ids()}`);
    expect(() => addSibling(milkshake, tree, sugarPath, () => 'z')).toThrow('too many kids of type Sugar in path CardboardBox1->Drink1->Cookies1');
  });

  it('removes the last Sugar (0..3) but refuses removing the only Milk (1..1)', () => {
    const tree = removeComponent(milkshake, newTree('COOKIES_MILKSHAKE'), sugarPath);
    expect(tree.some((c) => c.componentDefinitionId === 'Sugar')).toBe(false);
    expect(() => removeComponent(milkshake, tree, milkPath)).toThrow('too few kids of type Milk in path CardboardBox1->Drink1');
  });

  it('removes a VanillaSugar with its VanillaExtract, and allows up to six', () => {
    let tree = removeComponent(latte, newTree('COFFEE_LATTE_SKINNY'), 'CardboardBox1->Drink1->VanillaSugar1');
    expect(tree.filter((c) => c.componentDefinitionId === 'VanillaExtract')).toHaveLength(1);
    const ids = counterIds();
    for (let i = 0; i < 5; i++) tree = addSibling(latte, tree, 'CardboardBox1->Drink1->VanillaSugar2', () => `v${ids()}`);
    expect(() => addSibling(latte, tree, 'CardboardBox1->Drink1->VanillaSugar2', () => 'w')).toThrow('too many kids of type VanillaSugar in path CardboardBox1->Drink1');
    expect(() => validateTree(latte, tree)).not.toThrow();
  });

  it('validates a whole tree before an offer', () => {
    const tree = newTree('COFFEE_LATTE_SKINNY').map((c) => (c.path === milkPath ? { ...c, configs: [{ name: 'VOLUME', value: '990', units: 'ml' }, { name: 'FAT_CONTENT', value: '3.5', units: '%' }] } : c));
    expect(() => validateTree(latte, tree)).toThrow('Rule evaluated to false: FAT_CONTENT <= 1.5 at path CardboardBox1->Drink1->Milk1');
  });
});
