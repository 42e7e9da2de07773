import { sql, type Kysely } from 'kysely';
import type { Envelope } from '../envelope/envelope.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import type { OutboxTable, RuntimeTables } from './runtime-tables.ts';

type Row = Omit<OutboxTable, 'created_at' | 'dispatched_at'>;

/**
 * Stores emitted messages in the caller's transaction (rule 5), each under the message that
 * caused it. The rows travel as one jsonb parameter (`jsonb_to_recordset`) rather than ten
 * parameters per row: one statement text for any count (prepared once per connection, not
 * once per batch size), one parameter to bind, and the driver serialises a batch with one
 * `JSON.stringify`.
 */
export async function storeInOutbox(trx: Kysely<RuntimeTables>, actor: string, messages: readonly AddressedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => toRow(actor, m));
  await trx.insertInto('outbox')
    .columns(['id', 'actor', 'causation_id', 'route', 'landscape', 'target', 'due_at', 'message'])
    .expression(sql`select id, actor, causation_id, route, landscape, target, due_at, message from jsonb_to_recordset(${rows}::jsonb)
      as r(id text, actor text, causation_id text, route text, landscape text, target text, due_at timestamptz, message jsonb)`)
    .execute();
}

/** What an actor emitted while handling a message: a replay publishes exactly these again. */
export async function emittedBy(db: Kysely<RuntimeTables>, actor: string, causationIds: readonly string[]): Promise<AddressedMessage[]> {
  if (causationIds.length === 0) return [];
  const rows = await db.selectFrom('outbox').selectAll()
    .where('actor', '=', actor).where('causation_id', 'in', causationIds)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}

export async function markDispatched(db: Kysely<RuntimeTables>, messages: readonly AddressedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.updateTable('outbox').set({ dispatched_at: new Date() })
    .where('id', 'in', messages.map((m) => m.message.id)).where('dispatched_at', 'is', null).execute();
}

function toRow(actor: string, m: AddressedMessage): Row {
  return {
    id: m.message.id,
    actor,
    causation_id: m.message.metadata.causationId ?? null,
    route: m.route,
    landscape: m.landscape,
    target: m.route === 'command' ? m.service : m.route === 'later' ? m.queue : null,
    due_at: m.route === 'later' ? m.dueAt : null,
    message: m.message,
  };
}

export function fromRow(row: Pick<OutboxTable, 'route' | 'landscape' | 'target' | 'due_at' | 'message'>): AddressedMessage {
  const message = row.message as Envelope;
  if (row.route === 'command') return { route: 'command', landscape: row.landscape, service: row.target!, message };
  if (row.route === 'later') return { route: 'later', landscape: row.landscape, queue: row.target!, dueAt: new Date(row.due_at!), message };
  return { route: 'event', landscape: row.landscape, message };
}
