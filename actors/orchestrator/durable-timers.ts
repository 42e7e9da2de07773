/**
 * XState keeps delayed events in its system scheduler, in memory. The host replaces that
 * memory: it lists the scheduled events before and after a step and turns what changed
 * into durable timers (rule 11). Pure: object identity tells a kept entry from a new one.
 */

/** An entry of XState's scheduler (`system.getSnapshot()._scheduledEvents`). */
export interface ScheduledEntry {
  id: string;
  event: { type: string };
  delay: number;
}

/** A durable timer as stored with its instance: the token makes a stale firing recognisable. */
export interface PendingTimer {
  token: string;
  event: { type: string };
  dueAt: string;
}

export type PendingTimers = Record<string, PendingTimer>;

export interface TimerChanges {
  /** Scheduled during the step: each needs a waiting-room message. */
  added: Array<{ id: string; event: { type: string }; delay: number }>;
  /** Timers still pending after the step (kept and added). */
  pending: PendingTimers;
}

export function timerChanges(
  before: Record<string, ScheduledEntry>,
  after: Record<string, ScheduledEntry>,
  stored: PendingTimers,
  now: number,
  scaledDelay: (delay: number) => number,
  newToken: () => string,
): TimerChanges {
  const beforeById = new Map(Object.values(before).map((entry) => [entry.id, entry]));
  const added: TimerChanges['added'] = [];
  const pending: PendingTimers = {};
  for (const entry of Object.values(after)) {
    const kept = beforeById.get(entry.id) === entry ? stored[entry.id] : undefined;
    if (kept) {
      pending[entry.id] = kept;
      continue;
    }
    const delay = scaledDelay(entry.delay);
    added.push({ id: entry.id, event: entry.event, delay });
    pending[entry.id] = { token: newToken(), event: entry.event, dueAt: new Date(now + delay).toISOString() };
  }
  return { added, pending };
}
