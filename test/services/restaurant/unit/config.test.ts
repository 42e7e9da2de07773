import { describe, expect, it } from 'vitest';
import { readRestaurantConfig } from '../../../../services/restaurant/config.ts';

describe('the restaurant\'s configuration', () => {
  it('dispatches more-fair without chaos unless told otherwise', () => {
    expect(readRestaurantConfig({})).toMatchObject({ dispatch: 'more-fair', chaos: { drop: 0, duplicate: 0 } });
  });

  it('reads RESTAURANT_DISPATCH and the chaos fractions', () => {
    const config = readRestaurantConfig({ RESTAURANT_DISPATCH: 'pinned', RESTAURANT_CHAOS_DROP: '0.1', RESTAURANT_CHAOS_DUPLICATE: '0.25' });
    expect(config).toMatchObject({ dispatch: 'pinned', chaos: { drop: 0.1, duplicate: 0.25 } });
  });

  it('refuses an unknown strategy or a share outside 0..1', () => {
    expect(() => readRestaurantConfig({ RESTAURANT_DISPATCH: 'fastest' })).toThrow(/RESTAURANT_DISPATCH/);
    expect(() => readRestaurantConfig({ RESTAURANT_CHAOS_DROP: '1.5' })).toThrow(/RESTAURANT_CHAOS_DROP/);
    expect(() => readRestaurantConfig({ RESTAURANT_CHAOS_DUPLICATE: 'lots' })).toThrow(/RESTAURANT_CHAOS_DUPLICATE/);
  });
});
