import type { CookName } from './cooks.ts';

export const dispatchStrategies = ['round-robin', 'more-fair', 'pinned'] as const;
export type DispatchStrategy = (typeof dispatchStrategies)[number];

/** More-fair: a cook never holds more than this many orders (queued + being cooked). */
export const moreFairBound = 5;

/** What the kitchen knows of a cook when it picks one. */
export interface CookLoad {
  name: CookName;
  /** Orders given to the cook, not cooked yet and not expired. */
  holding: number;
  paused: boolean;
}

export interface DispatchInput {
  strategy: DispatchStrategy;
  /** Every cook, fastest first. */
  cooks: readonly CookLoad[];
  /** Orders dispatched so far (round-robin's turn). */
  dispatched: number;
  tableNumber: number;
}

/**
 * Which cook gets the next order (spec "Dispatch to cooks"); undefined = nobody may take
 * it now, the kitchen holds it and asks again. A paused cook takes no work.
 * - round-robin: the next cook in turn, skipping paused ones;
 * - more-fair: the first cook (fastest first) holding fewer than 5, so fast cooks get more;
 * - pinned: the table number hashed onto one cook; a table always goes to the same cook.
 */
export function chooseCook(input: DispatchInput): CookName | undefined {
  const { cooks } = input;
  if (cooks.length === 0) return undefined;
  switch (input.strategy) {
    case 'round-robin': {
      for (let i = 0; i < cooks.length; i++) {
        const cook = cooks[(input.dispatched + i) % cooks.length]!;
        if (!cook.paused) return cook.name;
      }
      return undefined;
    }
    case 'more-fair':
      return cooks.find((cook) => !cook.paused && cook.holding < moreFairBound)?.name;
    case 'pinned': {
      const cook = cooks[input.tableNumber % cooks.length]!;
      return cook.paused ? undefined : cook.name;
    }
  }
}
