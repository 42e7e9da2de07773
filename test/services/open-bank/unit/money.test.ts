import { describe, expect, it } from 'vitest';
import { fromJsonMoney, toJsonMoney } from '../../../../services/open-bank/money.ts';

describe('money in JSON', () => {
  it('is a number when a safe integer and a digit string beyond 2^53, never rounded', () => {
    expect(toJsonMoney(-50_000n)).toBe(-50_000);
    expect(toJsonMoney(2n ** 53n - 1n)).toBe(2 ** 53 - 1);
    expect(toJsonMoney(10n ** 17n)).toBe('100000000000000000');
    // Exact as a double, but not safe: still a string, so a client never does inexact sums.
    expect(toJsonMoney(99_999_999_999_780_000n)).toBe('99999999999780000');
    expect(toJsonMoney(10n ** 17n - 1n)).toBe('99999999999999999');
    expect(fromJsonMoney('99999999999999999')).toBe(10n ** 17n - 1n);
    expect(fromJsonMoney(1111)).toBe(1111n);
    expect(() => fromJsonMoney(1.5)).toThrow(RangeError);
  });
});
