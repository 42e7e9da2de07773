/**
 * Time is injected (rule 12) so tests control it and `TIME_SCALE` shrinks every
 * business duration at one place. Every time read and every timer of the runtime goes
 * through a `Clock`; this module is the only one reading the process's time or starting
 * its timers. The timers have XState's clock shape (`setTimeout(fn, ms)`, `clearTimeout(id)`),
 * so one clock serves both.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Multiplies business durations: 0.1 turns a 10 s deadline into 1 s. */
  readonly scale: number;
  /** Runs `fn` once after `ms` (not scaled: callers scale business durations themselves). */
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
  /** Runs `fn` every `ms`. */
  setInterval(fn: () => void, ms: number): TimerId;
  clearInterval(id: TimerId | undefined): void;
}

/** What a clock's timer functions answer; only the same clock's clear functions understand it. */
export type TimerId = unknown;

/** A business duration in milliseconds, scaled by the clock's `TIME_SCALE`. */
export function scaled(clock: Clock, milliseconds: number): number {
  return Math.max(0, Math.round(milliseconds * clock.scale));
}

/** Runs `fn` once after `ms` of the clock's time (the runtime's timers start here, never with the global `setTimeout`). */
export function after(clock: Clock, ms: number, fn: () => void): TimerId {
  return clock.setTimeout(fn, ms);
}

/** Runs `fn` every `ms` of the clock's time. */
export function every(clock: Clock, ms: number, fn: () => void): TimerId {
  return clock.setInterval(fn, ms);
}

/** Resolves after `ms` of the clock's time. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => { after(clock, ms, resolve); });
}

/** `promise`, or a rejection with `message` once `ms` of the clock's time passed first. */
export function withTimeout<T>(clock: Clock, promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: TimerId | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = after(clock, ms, () => reject(new Error(message))); });
  return Promise.race([promise, timeout]).finally(() => clock.clearTimeout(timer));
}

/**
 * Lets the process exit while only this timer is left (a background sweep, a clean-up);
 * a no-op for a clock whose timers are not Node's.
 */
export function unref(id: TimerId): void {
  (id as { unref?: () => void } | undefined)?.unref?.();
}

/** The process's own time and Node's timers. */
export function systemClock(scale = 1): Clock {
  return {
    now: () => Date.now(),
    scale,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout> | undefined),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval> | undefined),
  };
}

/**
 * The wall clock, for what is about the machine rather than about the business: the
 * time prefix of message ids (it orders storage), and the default of callers outside a
 * running system (a test or a script building a message). The runtime passes its own clock.
 */
export const wallClock: Clock = systemClock();

export interface ManualClock extends Clock {
  /** Moves time on by `ms`, running every timer that falls due on the way, in due order. */
  advance(ms: number): void;
  /** Sets the time (timers due by then run, as with `advance`). */
  set(ms: number): void;
  /** Timers not yet run or cleared. */
  readonly pendingTimers: number;
}

/** A clock whose time only moves when told to; its timers run when `advance` passes their time. */
export function manualClock(start = 0, scale = 1): ManualClock {
  let current = start;
  let nextId = 0;
  const timers = new Map<number, { due: number; every?: number; fn: () => void }>();
  const runDue = (until: number) => {
    for (;;) {
      let next: [number, { due: number; every?: number; fn: () => void }] | undefined;
      for (const entry of timers) if (entry[1].due <= until && (!next || entry[1].due < next[1].due)) next = entry;
      if (!next) break;
      const [id, timer] = next;
      current = Math.max(current, timer.due);
      if (timer.every === undefined) timers.delete(id);
      else timer.due += Math.max(1, timer.every);
      timer.fn();
    }
    current = Math.max(current, until);
  };
  return {
    now: () => current,
    scale,
    setTimeout: (fn, ms) => { timers.set(++nextId, { due: current + Math.max(0, ms), fn }); return nextId; },
    clearTimeout: (id) => { timers.delete(id as number); },
    setInterval: (fn, ms) => { timers.set(++nextId, { due: current + Math.max(1, ms), every: ms, fn }); return nextId; },
    clearInterval: (id) => { timers.delete(id as number); },
    advance: (ms) => runDue(current + ms),
    set: (ms) => { if (ms >= current) runDue(ms); else current = ms; },
    get pendingTimers() { return timers.size; },
  };
}
