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

/** At most this many intervals are caught up in one tick (after a long pause the rest are skipped). */
export const maxCatchUp = 10;

/**
 * A tick due at `dueAt` handled at `now`: it emits the beats of its own interval plus those
 * of every whole interval that passed since (a tick travels through the waiting rooms and
 * may come late; catching up keeps the rate at batchSize per interval). The next tick is
 * due one interval after the last interval emitted, so the pace does not drift.
 */
export function tickAt(pace: Pace, dueAt: number, now: number, interval: number): { beats: number[]; pace: Pace; nextDueAt: number } {
  const step = Math.max(1, interval);
  const passed = Math.max(0, Math.floor((now - dueAt) / step));
  const intervals = 1 + Math.min(passed, maxCatchUp);
  const { beats, pace: after } = beatsOfTick({ ...pace, batchSize: pace.batchSize * intervals });
  return { beats, pace: { ...after, batchSize: pace.batchSize }, nextDueAt: dueAt + (1 + passed) * step };
}

/** A change of pace from `PUT /heartbeat`: a new chain of ticks when it is not idle. */
export function changePace(pace: Pace, change: Partial<Pick<Pace, 'batchSize' | 'intervalMs'>>): { pace: Pace; startChain: boolean } {
  const next = { ...pace, ...change, generation: pace.generation + 1 };
  return { pace: next, startChain: next.batchSize > 0 };
}
