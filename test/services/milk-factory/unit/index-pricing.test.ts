import { describe, expect, it } from 'vitest';
import { issuesOf } from '../../../../gateway/valid-json.ts';
import { pricesForYear } from '../../../../services/milk-factory/pricing/indexed-contracts.ts';
import { indexFor, indexInput, shownYear } from '../../../../services/milk-factory/pricing/milk-index.ts';
import { priceTable } from '../../../../services/milk-factory/pricing/price-tree.ts';
import { contractDefinition } from '../../../../services/milk-factory/products/contract-definition.ts';
import { byPath, newTree } from './support.ts';

const values = [{ year: 2022, value: '1.0500' }, { year: 2024, value: '1.2500' }];

function latteFor(year: number, indexValues = values) {
  const components = newTree('INDEXED_LATTE');
  const table = priceTable(pricesForYear(components, [], indexValues, year));
  return (path: string) => table[byPath(components, path).id]!;
}

describe('INDEXED_LATTE (spec, Index pricing)', () => {
  it('is the latte\'s tree from 2021-02-01 for 390 days', () => {
    expect(contractDefinition('INDEXED_LATTE', '2021-02-01')).toMatchObject({ durationDays: 390, indexedBy: 'MILK_INDEX' });
    expect(contractDefinition('INDEXED_LATTE', '2021-02-01').root).toBe(contractDefinition('COFFEE_LATTE_SKINNY', '2021-02-01').root);
    expect(() => contractDefinition('INDEXED_LATTE', '2021-01-31')).toThrow('No matching contract definition - try a different date or product');
  });

  it('index(Y): the value for Y, else the latest earlier year\'s, else 1', () => {
    expect(indexFor(values, 2021).toString()).toBe('1');
    expect(indexFor(values, 2022).toString()).toBe('1.05');
    expect(indexFor(values, 2023).toString()).toBe('1.05');
    expect(indexFor(values, 2024).toString()).toBe('1.25');
    expect(indexFor(values, 2090).toString()).toBe('1.25');
    expect(indexFor([], 2024).toString()).toBe('1');
  });

  it('prices Milk mk((4 × ml/1000 + 0.1 × fat) × index(Y)), rounded once: 3.98 → 4.29 at 1, 4.50 at 1.05, 4.98 (half-up of 4.975) + 0.38 = 5.36 at 1.25', () => {
    const milk = 'CardboardBox1->Drink1->Milk1';
    expect(latteFor(2021)(milk)).toEqual({ total: '4.29', tax: '0.31' });
    expect(latteFor(2023)(milk)).toEqual({ total: '4.50', tax: '0.32' }); // 4.179 → 4.18, tax 0.32186 → 0.32
    expect(latteFor(2024)(milk)).toEqual({ total: '5.36', tax: '0.38' }); // 4.975 → 4.98 (a float would say 4.97), tax 0.38346 → 0.38
    expect(latteFor(2023, [{ year: 2023, value: '1.0125' }])(milk)).toEqual({ total: '4.34', tax: '0.31' }); // 4.02975 → 4.03
  });

  it('prices the box 51.23 at index 1 (the latte\'s check figure) and 61.93 at 1.25 (ten drinks 1.07 dearer); nothing else moves', () => {
    expect(latteFor(2021)('CardboardBox1').total).toBe('51.23');
    expect(latteFor(2024)('CardboardBox1').total).toBe('61.93');
    expect(latteFor(2024)('CardboardBox1->Drink1->GlassBottle1')).toEqual(latteFor(2021)('CardboardBox1->Drink1->GlassBottle1'));
  });

  it('shows today\'s year, kept within the contract\'s days', () => {
    expect(shownYear('2026-12-06', '2023-03-01', '2024-03-25')).toBe(2024);
    expect(shownYear('2026-12-06', '2027-03-01', '2028-03-25')).toBe(2027);
    expect(shownYear('2026-12-06', '2026-03-01', '2027-03-26')).toBe(2026);
    expect(shownYear('2026-12-06', null, null)).toBe(2026);
  });
});

describe('index input (PUT /indexes/MILK_INDEX {year, value})', () => {
  const parse = (body: unknown) => indexInput.strict().safeParse(body);

  it('takes a year 2000..2100 and a value > 0 with at most 4 decimals, as a number or decimal text', () => {
    expect(parse({ year: 2000, value: 1.05 }).data).toEqual({ year: 2000, value: '1.0500' });
    expect(parse({ year: 2100, value: '0.0001' }).data).toEqual({ year: 2100, value: '0.0001' });
    expect(parse({ year: 2023, value: 1000 }).data).toEqual({ year: 2023, value: '1000.0000' });
  });

  it('refuses anything else, naming the field', () => {
    const refused = [
      { year: 1999, value: 1 }, { year: 2101, value: 1 }, { year: 2023.5, value: 1 }, { year: '2023', value: 1 },
      { year: 2023, value: 0 }, { year: 2023, value: -1 }, { year: 2023, value: 1.00001 }, { year: 2023, value: '1.00001' },
      { year: 2023, value: 1e-5 }, { year: 2023, value: '1e3' }, { year: 2023, value: 'abc' }, { year: 2023, value: 1000.0001 },
      { year: 2023 }, { value: 1 }, { year: 2023, value: 1, extra: true },
    ];
    for (const body of refused) expect(parse(body).success, JSON.stringify(body)).toBe(false);
    expect(issuesOf(parse({ year: 2023, value: 1.00001 }).error!)).toEqual([{ path: 'value', message: 'expected a number with at most 4 decimals' }]);
    expect(issuesOf(parse({ year: 2023, value: 0 }).error!)).toEqual([{ path: 'value', message: 'expected more than 0 and at most 1000' }]);
  });
});
