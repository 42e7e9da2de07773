import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../services/milk-factory/shared/decimal.ts';

describe('Decimal', () => {
  it('adds and multiplies exactly where binary floats would not', () => {
    expect(Decimal.of('0.1').plus('0.2').toString()).toBe('0.3');
    expect(Decimal.of('0.077').times('42.77').toString()).toBe('3.29329');
  });

  it('rounds a tie half-up away from zero and half-down towards zero', () => {
    expect(Decimal.of('0.015').round(2, 'half-up').toString()).toBe('0.02');
    expect(Decimal.of('0.015').round(2, 'half-down').toString()).toBe('0.01');
    expect(Decimal.of('0.0151').round(2, 'half-down').toString()).toBe('0.02');
    expect(Decimal.of('-0.015').round(2, 'half-up').toString()).toBe('-0.02');
  });

  it('reads numbers through their shortest text and refuses what is not a number', () => {
    expect(Decimal.of(1.8).toString()).toBe('1.8');
    expect(Decimal.of('46.060').toFixed(2)).toBe('46.06');
    expect(() => Decimal.of('abc')).toThrow(RangeError);
  });
});
