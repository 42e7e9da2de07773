import { describe, expect, it } from 'vitest';
import { percentOfRate, vatPercentFor, vatRateOf } from '../../../../services/vouchers/orders/vat-rate.ts';

describe('VAT of an order', () => {
  it('is 16 % for orders dated 2020-07-01 to 2020-12-31, both included', () => {
    expect(vatPercentFor('2020-07-01')).toBe(16);
    expect(vatPercentFor('2020-09-15')).toBe(16);
    expect(vatPercentFor('2020-12-31')).toBe(16);
  });

  it('is 19 % the day before and the day after', () => {
    expect(vatPercentFor('2020-06-30')).toBe(19);
    expect(vatPercentFor('2021-01-01')).toBe(19);
    expect(vatPercentFor('2026-11-22')).toBe(19);
  });

  it('shows as the exact rates 0.19 and 0.16 and reads back as whole percents', () => {
    expect(vatRateOf(19)).toBe(0.19);
    expect(vatRateOf(16)).toBe(0.16);
    expect(percentOfRate(0.19)).toBe(19);
    expect(percentOfRate(0.16)).toBe(16);
    expect(percentOfRate(0.195)).toBeUndefined();
    expect(percentOfRate(1.5)).toBeUndefined();
  });
});
