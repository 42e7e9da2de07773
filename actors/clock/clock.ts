/**
 * Time is injected (rule 12) so tests control it and `TIME_SCALE` shrinks every
 * business duration at one place.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Multiplies business durations: 0.1 turns a 10 s deadline into 1 s. */
  readonly scale: number;
}

/** A business duration in milliseconds, scaled by the clock's `TIME_SCALE`. */
export function scaled(clock: Clock, milliseconds: number): number {
  return Math.max(0, Math.round(milliseconds * clock.scale));
}

export function systemClock(scale = 1): Clock {
  return { now: () => Date.now(), scale };
}

/** A clock whose time only moves when told to; for tests of time-based decisions. */
export function manualClock(start = 0, scale = 1): Clock & { advance(ms: number): void; set(ms: number): void } {
  let current = start;
  return {
    now: () => current,
    scale,
    advance: (ms) => { current += ms; },
    set: (ms) => { current = ms; },
  };
}
