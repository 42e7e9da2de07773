import { describe, expect, it } from 'vitest';
import { copiesToDeliver } from '../../../../services/restaurant/kitchen/chaos.ts';
import type { CookName } from '../../../../services/restaurant/kitchen/cooks.ts';
import { isHeld } from '../../../../services/restaurant/kitchen/holds.ts';
import { chooseCook, moreFairBound, type CookLoad } from '../../../../services/restaurant/kitchen/dispatch-strategy.ts';

const loads = (holding: [number, number, number], paused: CookName[] = []): CookLoad[] =>
  (['tom', 'dick', 'harry'] as const).map((name, i) => ({ name, holding: holding[i]!, paused: paused.includes(name) }));

describe('dispatch to cooks', () => {
  it('round-robin gives each cook its turn and skips a paused one', () => {
    const picks = [0, 1, 2, 3].map((dispatched) => chooseCook({ strategy: 'round-robin', cooks: loads([9, 9, 9]), dispatched, tableNumber: 1 }));
    expect(picks).toEqual(['tom', 'dick', 'harry', 'tom']);
    expect(chooseCook({ strategy: 'round-robin', cooks: loads([0, 0, 0], ['dick']), dispatched: 1, tableNumber: 1 })).toBe('harry');
  });

  it(`more-fair gives the first cook holding fewer than ${moreFairBound}, and nobody when all hold ${moreFairBound}`, () => {
    expect(chooseCook({ strategy: 'more-fair', cooks: loads([4, 0, 0]), dispatched: 0, tableNumber: 1 })).toBe('tom');
    expect(chooseCook({ strategy: 'more-fair', cooks: loads([5, 5, 2]), dispatched: 0, tableNumber: 1 })).toBe('harry');
    expect(chooseCook({ strategy: 'more-fair', cooks: loads([5, 5, 5]), dispatched: 0, tableNumber: 1 })).toBeUndefined();
    expect(chooseCook({ strategy: 'more-fair', cooks: loads([0, 0, 0], ['tom']), dispatched: 0, tableNumber: 1 })).toBe('dick');
  });

  it('pinned sends a table always to the same cook, and holds it while that cook is paused', () => {
    const cookOf = (tableNumber: number, dispatched: number) => chooseCook({ strategy: 'pinned', cooks: loads([0, 0, 0]), dispatched, tableNumber });
    expect(new Set([0, 1, 2, 3].map((d) => cookOf(7, d))).size).toBe(1);
    expect(new Set([1, 2, 3].map((table) => cookOf(table, 0)))).toEqual(new Set(['tom', 'dick', 'harry']));
    expect(chooseCook({ strategy: 'pinned', cooks: loads([0, 0, 0], ['tom']), dispatched: 0, tableNumber: 3 })).toBeUndefined();
  });

  it('no strategy gives work when every cook is paused', () => {
    for (const strategy of ['round-robin', 'more-fair', 'pinned'] as const) {
      expect(chooseCook({ strategy, cooks: loads([0, 0, 0], ['tom', 'dick', 'harry']), dispatched: 0, tableNumber: 1 })).toBeUndefined();
    }
  });
});

describe('chaos on the way to the cooks', () => {
  it('drops the lowest share and duplicates the highest', () => {
    const chaos = { drop: 0.1, duplicate: 0.1 };
    expect(copiesToDeliver(chaos, 0.05)).toBe(0);
    expect(copiesToDeliver(chaos, 0.5)).toBe(1);
    expect(copiesToDeliver(chaos, 0.95)).toBe(2);
    expect(copiesToDeliver({ drop: 0, duplicate: 0 }, 0)).toBe(1);
  });
});

describe('what a cook holds', () => {
  it('is an order until it expires, and one cook time beyond, in case the cook started it just before', () => {
    expect(isHeld(1_000, 999, 300)).toBe(true);
    expect(isHeld(1_000, 1_299, 300)).toBe(true);
    expect(isHeld(1_000, 1_300, 300)).toBe(false);
  });
});
