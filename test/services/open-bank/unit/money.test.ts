import { describe, expect, it } from 'vitest';
import { fromJsonMoney, toJsonMoney } from '../../../../services/open-bank/money.ts';

describe('money in JSON', () => {
  it('is a number when exact and a digit string beyond a double, never rounded', () => {
    expect(toJsonMoney(-50_000n)).toBe(-50_000);
    expect(toJsonMoney(10n ** 17n)).toBe(1e17);
    expect(toJsonMoney(10n ** 17n - 1n)).toBe('99999999999999999');
    expect(fromJsonMoney('99999999999999999')).toBe(10n ** 17n - 1n);
    expect(fromJsonMoney(1111)).toBe(1111n);
    expect(() => fromJsonMoney(1.5)).toThrow(RangeError);
  });
});
