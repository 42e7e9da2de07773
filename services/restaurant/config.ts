import type { Chaos } from './kitchen/chaos.ts';
import { dispatchStrategies, type DispatchStrategy } from './kitchen/dispatch-strategy.ts';

/** How this restaurant runs: dispatch strategy and fault injection (spec "Dispatch", "Faults"). */
export interface RestaurantConfig {
  dispatch: DispatchStrategy;
  chaos: Chaos;
  /** Draws in [0, 1) for chaos and random orders; tests script it. */
  random: () => number;
}

/** `RESTAURANT_DISPATCH` (default more-fair), `RESTAURANT_CHAOS_DROP` and `…_DUPLICATE` (default 0). */
export function readRestaurantConfig(env: Record<string, string | undefined>): RestaurantConfig {
  const dispatch = env.RESTAURANT_DISPATCH || 'more-fair';
  if (!(dispatchStrategies as readonly string[]).includes(dispatch)) {
    throw new RangeError(`RESTAURANT_DISPATCH must be one of ${dispatchStrategies.join(', ')}, got "${dispatch}"`);
  }
  return {
    dispatch: dispatch as DispatchStrategy,
    chaos: { drop: fraction(env, 'RESTAURANT_CHAOS_DROP'), duplicate: fraction(env, 'RESTAURANT_CHAOS_DUPLICATE') },
    random: Math.random,
  };
}

function fraction(env: Record<string, string | undefined>, name: string): number {
  const text = env[name];
  if (text === undefined || text === '') return 0;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be a fraction between 0 and 1, got "${text}"`);
  return value;
}
