/** The heartbeat's state (spec): beats per interval (0 = idle) and the interval, business ms. */
export interface Pace {
  nextBeat: number;
  batchSize: number;
  intervalMs: number;
  generation: number;
}

export const defaultPace: Pace = { nextBeat: 0, batchSize: 0, intervalMs: 1000, generation: 0 };

/** What a tick does: the beats it emits and the pace it leaves (numbered on from the last). */
export function beatsOfTick(pace: Pace): { beats: number[]; pace: Pace } {
  const beats = Array.from({ length: pace.batchSize }, (_, i) => pace.nextBeat + i);
  return { beats, pace: { ...pace, nextBeat: pace.nextBeat + pace.batchSize } };
}

/**
 * When the next tick is due: one interval after the previous due time, so the pace does
 * not drift by the handling time; but never in the past (after a pause the chain resumes
 * from now rather than firing every missed tick at once).
 */
export function nextDue(previousDue: number, interval: number, now: number): number {
  const due = previousDue + interval;
  return due < now ? now + interval : due;
}

/** A change of pace from `PUT /heartbeat`: a new chain of ticks when it is not idle. */
export function changePace(pace: Pace, change: Partial<Pick<Pace, 'batchSize' | 'intervalMs'>>): { pace: Pace; startChain: boolean } {
  const next = { ...pace, ...change, generation: pace.generation + 1 };
  return { pace: next, startChain: next.batchSize > 0 };
}
