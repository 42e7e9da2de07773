import { sql, type Kysely } from 'kysely';
import { after, scaled, type Clock, type TimerId } from '../clock/clock.ts';
import type { Envelope } from '../envelope/envelope.ts';
import { ConflictError, NotFoundError } from '../errors/errors.ts';
import type { Logger } from '../logging/logger.ts';
import { deliver, type AddressedMessage } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import type { RuntimeTables } from './runtime-tables.ts';
import { anyOf } from './any-of.ts';

/**
 * An actor's bounded publish schedule (`publishRetry` in its definition). Without one, the
 * outbox publishes after commit and its sweeper tries again every second without end, and a
 * publish made while the connection is down waits for it. With one, each attempt to publish a
 * transaction's messages fails at once while the broker is unreachable, and also when the
 * broker refuses or does not confirm within `attemptTimeout`; after the n-th failed attempt
 * the next is due `schedule[n-1]` (business ms, scaled) later, and once the schedule is used
 * up the messages are parked in the outbox (`OUTBOX-003`) with the last error as their
 * reason, until `retryParked`. The REST answer never waits for any of it.
 */
export interface PublishRetry {
  /** Waits before each retry, business ms (scaled by TIME_SCALE); its length is the number of retries. */
  schedule: readonly number[];
  /** How long one attempt waits for the broker's confirms, real ms (default 5 s). */
  attemptTimeout?: number;
}

export type AfterFailedPublish = { retryAt: number } | { park: true };

/**
 * After the `failedAttempts`-th failed attempt (the publish after commit is attempt 1) at
 * `now`: wait `schedule[failedAttempts - 1]` (scaled), or park once the schedule is used up.
 */
export function afterFailedPublish(failedAttempts: number, now: number, clock: Pick<Clock, 'scale'>, schedule: readonly number[]): AfterFailedPublish {
  const delay = schedule[failedAttempts - 1];
  if (delay === undefined) return { park: true };
  return { retryAt: now + scaled(clock as Clock, delay) };
}

/** One attempt of a transaction's messages: undefined when the broker confirmed them all, otherwise why not. */
export async function attemptPublish(bus: MessageBus, messages: readonly AddressedMessage[], clock: Clock, retry: PublishRetry): Promise<string | undefined> {
  // While the connection is down a publish would be held until it is back; a bounded
  // schedule counts that as a failed attempt instead.
  if (!bus.connected) return 'broker unreachable';
  let timer: TimerId | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = after(clock, retry.attemptTimeout ?? 5_000, () => resolve('broker did not confirm in time'));
  });
  try {
    return await Promise.race([Promise.all(messages.map((m) => deliver(bus, m))).then(() => undefined), timeout]);
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    clock.clearTimeout(timer);
  }
}

/** Records a failed attempt on the pending rows: the next one is scheduled, or they are parked. */
export async function recordPublishFailure(
  db: Kysely<RuntimeTables>, pendingIds: readonly string[], error: string, clock: Clock, retry: PublishRetry, logger: Logger,
): Promise<void> {
  if (pendingIds.length === 0) return;
  const now = clock.now();
  const counted = await db.updateTable('outbox_pending').set({ attempts: sql`attempts + 1`, last_error: error })
    .where(anyOf('id', pendingIds)).returning(['id', 'attempts']).execute();
  for (const row of counted) {
    const next = afterFailedPublish(row.attempts, now, clock, retry.schedule);
    const update = 'park' in next ? { parked_at: new Date(now), next_attempt_at: null } : { next_attempt_at: new Date(next.retryAt) };
    await db.updateTable('outbox_pending').set(update).where('id', '=', row.id).execute();
    if ('park' in next) logger.error({ code: 'OUTBOX-003', pendingId: row.id, attempts: row.attempts, reason: error }, 'outbox messages parked after their last publish retry');
    else logger.warn({ pendingId: row.id, attempts: row.attempts, retryAt: new Date(next.retryAt).toISOString(), reason: error }, 'outbox messages not published; retrying on the schedule');
  }
}

export type PublicationStatus = 'pending' | 'parked' | 'published';
export const publicationStatuses: readonly PublicationStatus[] = ['pending', 'parked', 'published'];

/** A message of an actor's outbox, as an operations view shows it. */
export interface Publication {
  /** The message's id (a retry publishes the same id). */
  id: string;
  type: string;
  status: PublicationStatus;
  /** Failed attempts of its transaction's messages so far (0 once published). */
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  parkedAt: string | null;
  message: Envelope;
}

/**
 * An actor's outbox messages with `status`, newest first. Pending and parked ones start from
 * the (small) pending table; published ones are the actor's outbox rows without a pending row,
 * kept until retention: that list reads the actor's outbox rows (no index by actor: an
 * operations view, not a hot path).
 */
export async function listPublications(db: Kysely<RuntimeTables>, actor: string, status: PublicationStatus, limit: number): Promise<Publication[]> {
  const base = db.selectFrom('outbox as o')
    .select(['o.id', 'o.message', 'o.created_at'])
    .where('o.actor', '=', actor)
    .orderBy('o.created_at', 'desc').orderBy('o.id', 'desc').limit(limit);
  if (status === 'published') {
    const rows = await base.where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('outbox_pending as p').select('p.id').where(sql<boolean>`o.id = any(p.ids)`),
    ))).execute();
    return rows.map((row) => publication(row, { status: 'published', attempts: 0, next_attempt_at: null, last_error: null, parked_at: null }));
  }
  const rows = await base.innerJoin('outbox_pending as p', (join) => join.on(sql<boolean>`o.id = any(p.ids)`))
    .select(['p.attempts', 'p.next_attempt_at', 'p.last_error', 'p.parked_at'])
    .where('p.parked_at', status === 'parked' ? 'is not' : 'is', null)
    .execute();
  return rows.map((row) => publication(row, { ...row, status }));
}

/**
 * A person's retry of a parked message: its transaction's pending row is due now again, with
 * the whole schedule again (the sweeper publishes it). Only a parked one: otherwise 409; 404
 * when the actor has no such message.
 */
export async function retryParked(db: Kysely<RuntimeTables>, actor: string, messageId: string, now: number): Promise<Publication> {
  const stored = await db.selectFrom('outbox').select(['id', 'message', 'created_at']).where('id', '=', messageId).where('actor', '=', actor).executeTakeFirst();
  if (!stored) throw new NotFoundError(`no outbox message ${messageId} of ${actor}`);
  const retried = await db.updateTable('outbox_pending')
    .set({ parked_at: null, attempts: 0, next_attempt_at: new Date(now), last_error: null })
    .where(sql<boolean>`${messageId} = any(ids)`).where('parked_at', 'is not', null)
    .returning(['attempts', 'next_attempt_at', 'last_error', 'parked_at']).executeTakeFirst();
  if (retried) return publication(stored, { ...retried, status: 'pending' });
  const pending = await db.selectFrom('outbox_pending').select('id').where(sql<boolean>`${messageId} = any(ids)`).executeTakeFirst();
  throw new ConflictError(`outbox message ${messageId} is ${pending ? 'pending' : 'published'}, not parked`);
}

interface PendingState {
  status: PublicationStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  parked_at: Date | null;
}

function publication(row: { id: string; message: unknown; created_at: Date }, state: PendingState): Publication {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  const message = (typeof row.message === 'string' ? JSON.parse(row.message) : row.message) as Envelope;
  return {
    id: row.id, type: message.type, status: state.status, attempts: state.attempts,
    nextAttemptAt: state.status === 'pending' ? iso(state.next_attempt_at) : null, lastError: state.last_error,
    createdAt: iso(row.created_at)!, parkedAt: iso(state.parked_at), message,
  };
}
