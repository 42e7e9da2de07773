import { describe, expect, it } from 'vitest';
import { perMillisecond } from '../../../actors/clock/per-millisecond.ts';

describe('perMillisecond', () => {
  it('computes once per millisecond and again for the next one', () => {
    const calls: number[] = [];
    const text = perMillisecond((now) => { calls.push(now); return `t${now}`; });
    expect([text(5), text(5), text(6), text(6), text(5)]).toEqual(['t5', 't5', 't6', 't6', 't5']);
    expect(calls).toEqual([5, 6, 5]);
  });
});
