import type { Envelope } from '../actors/mod.ts';
import type { LandscapeDeps } from './landscape.ts';

export interface LongPoll<T> {
  landscape: string;
  /** The event that changes what `read` answers. */
  match: (event: Envelope) => boolean;
  read: () => Promise<T | undefined>;
  timeoutMs: number;
  /** The request's signal: a client gone stops the wait. */
  signal?: AbortSignal;
  /** Runs when the first read found nothing, before waiting (e.g. send a command again). */
  onMissing?: () => Promise<void>;
}

/**
 * A long poll that costs two reads, not one every few milliseconds: waits for the event
 * (asked before the first read, so one arriving in between is not missed), then reads
 * again. Answers undefined when nothing came within `timeoutMs`.
 */
export async function readWhenChanged<T>(deps: LandscapeDeps, poll: LongPoll<T>): Promise<T | undefined> {
  const done = new AbortController();
  const signal = poll.signal ? AbortSignal.any([poll.signal, done.signal]) : done.signal;
  const changed = deps.nextEvent(poll.landscape, poll.match, poll.timeoutMs, signal);
  try {
    const found = await poll.read();
    if (found !== undefined) return found;
    await poll.onMissing?.();
    return (await changed) ? await poll.read() : undefined;
  } finally {
    done.abort(); // releases the waiter and its timer at once
  }
}
