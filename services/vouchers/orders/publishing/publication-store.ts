import type { Kysely, Selectable } from 'kysely';
import { ConflictError, NotFoundError, type Envelope } from '../../../../actors/mod.ts';
import type { EventPublicationsTable, OrdersTables } from '../order-store.ts';
import type { AfterFailedPublish } from './publish-retry-schedule.ts';

export type PublicationStatus = Selectable<EventPublicationsTable>['status'];
export const publicationStatuses: readonly PublicationStatus[] = ['pending', 'published', 'parked'];

/** An order event on its way to the broker, as the operations view shows it. */
export interface Publication {
  id: string;
  orderId: string;
  type: string;
  status: PublicationStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  publishedAt: string | null;
  parkedAt: string | null;
  message: Envelope;
}

/** Saved in the order's transaction: the order and its event commit together; due at once. */
export async function queuePublication(db: Kysely<OrdersTables>, orderId: string, event: Envelope, now: number): Promise<void> {
  await db.insertInto('event_publications')
    .values({ id: event.id, order_id: orderId, type: event.type, event, next_attempt_at: new Date(now) })
    .execute();
}

/** Pending publications due by `now`, oldest first, locked so two publishers never send one at once. */
export async function claimDue(db: Kysely<OrdersTables>, now: number, limit: number) {
  return db.selectFrom('event_publications').select(['id', 'event', 'attempts'])
    .where('status', '=', 'pending').where('next_attempt_at', '<=', new Date(now))
    .orderBy('created_at').orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}

export async function markPublished(db: Kysely<OrdersTables>, ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('event_publications').set({ status: 'published', published_at: new Date(now) }).where('id', 'in', ids).execute();
}

/** Records a failed attempt: the next one is scheduled, or the publication is parked. */
export async function recordFailure(db: Kysely<OrdersTables>, id: string, attempts: number, next: AfterFailedPublish, error: string, now: number): Promise<void> {
  const update = 'park' in next
    ? { status: 'parked' as const, parked_at: new Date(now) }
    : { next_attempt_at: new Date(next.retryAt) };
  await db.updateTable('event_publications').set({ ...update, attempts, last_error: error }).where('id', '=', id).execute();
}

export async function listPublications(db: Kysely<OrdersTables>, status: PublicationStatus, limit: number): Promise<Publication[]> {
  const rows = await db.selectFrom('event_publications').selectAll().where('status', '=', status)
    .orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(toPublication);
}

/**
 * A person's retry of a parked publication: pending again, due now, with the whole
 * schedule again. Only a parked one: otherwise 409; unknown 404.
 */
export async function retryParked(db: Kysely<OrdersTables>, id: string, now: number): Promise<Publication> {
  const row = await db.updateTable('event_publications')
    .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(now), parked_at: null })
    .where('id', '=', id).where('status', '=', 'parked').returningAll().executeTakeFirst();
  if (row) return toPublication(row);
  const existing = await db.selectFrom('event_publications').select('status').where('id', '=', id).executeTakeFirst();
  if (!existing) throw new NotFoundError(`no publication ${id}`);
  throw new ConflictError(`publication ${id} is ${existing.status}, not parked`);
}

function toPublication(row: Selectable<EventPublicationsTable>): Publication {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return {
    id: row.id, orderId: row.order_id, type: row.type, status: row.status, attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null, lastError: row.last_error,
    createdAt: iso(row.created_at)!, publishedAt: iso(row.published_at), parkedAt: iso(row.parked_at),
    message: row.event as Envelope,
  };
}
