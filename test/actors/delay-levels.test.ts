import { describe, expect, it } from 'vitest';
import { delayLevelCount, delayOf, delayRoutingKey, levelBindingKey, maxDelay } from '../../actors/topology/delay-levels.ts';

describe('binary delay levels', () => {
  it('spell a delay in binary, one routing-key word per level, highest level first', () => {
    const key = delayRoutingKey(1_300);
    expect(key.split('.')).toHaveLength(delayLevelCount);
    expect(key.endsWith('1.0.1.0.0.0.1.0.1.0.0')).toBe(true); // 1300 = 0b10100010100
    expect(delayOf(key)).toBe(1_300);
  });

  it('round-trip any delay up to the maximum, and clamp beyond it', () => {
    for (const delay of [0, 1, 2, 999, 65_536, 7_000_000, maxDelay]) expect(delayOf(delayRoutingKey(delay))).toBe(delay);
    expect(delayOf(delayRoutingKey(maxDelay + 10))).toBe(maxDelay);
    expect(delayOf(delayRoutingKey(-5))).toBe(0);
  });

  it('bind each level on the word of its own bit', () => {
    expect(levelBindingKey(delayLevelCount - 1, 1)).toBe('1.#');
    expect(levelBindingKey(0, 0)).toBe(`${'*.'.repeat(delayLevelCount - 1)}0.#`);
  });
});
