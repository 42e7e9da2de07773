import { sql, type Kysely } from 'kysely';
import { bodyText } from '../envelope/codec.ts';
import { newMessageId } from '../envelope/message-id.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import type { OutboxTable, RuntimeTables } from './runtime-tables.ts';
import { anyOf } from './any-of.ts';

/**
 * An outbox row as it travels in JSON: only what the envelope does not already say (its id
 * and causation id are read from it in SQL, the actor is one parameter, the position comes
 * from `with ordinality`), no nulls, one-letter keys. A batch's rows are hundreds of
 * kilobytes, each byte serialised, written to the socket and parsed by Postgres.
 */
interface Row {
  /** route */ r: OutboxTable['route'];
  /** landscape */ l: string;
  /** target: the service of a command, the queue of a later message */ t?: string;
  /** due at */ d?: Date;
  // and `m`, the message, spliced in as its body text (see `rowsText`)
}

/**
 * Stores emitted messages in the caller's transaction (rule 5), each under the message that
 * caused it, and one pending row listing them until the broker confirmed them; returns the
 * ids of the pending rows it wrote, for `markDispatched`: that one, or none when nothing was
 * emitted. The flow log reads the emitted messages from here (see `flowOf`). The rows travel as
 * one jsonb parameter (`jsonb_to_recordset`) rather than ten parameters per row: one
 * statement text for any count (prepared once per connection, not once per batch size), and
 * one parameter to bind.
 */
export async function storeInOutbox(trx: Kysely<RuntimeTables>, actor: string, messages: readonly AddressedMessage[]): Promise<string[]> {
  const { pendingIds, stored } = issueOutboxInsert(trx, actor, messages);
  await stored;
  return pendingIds;
}

/**
 * As `storeInOutbox`, without waiting: the statement is issued now, and the pending ids are
 * known at once (made here, not read back). For a transaction that defers it (see
 * `Deferral`): its commit then follows the insert without a round trip between them.
 */
export function issueOutboxInsert(trx: Kysely<RuntimeTables>, actor: string, messages: readonly AddressedMessage[]): { pendingIds: string[]; stored: Promise<unknown> } {
  if (messages.length === 0) return { pendingIds: [], stored: Promise.resolve() };
  const rows = rowsText(messages);
  const pendingId = newMessageId();
  // Tables are named through the builder, so they carry the (namespaced) runtime schema.
  const stored = trx
    .with('stored', (db) => db.insertInto('outbox')
      .columns(['id', 'actor', 'causation_id', 'route', 'landscape', 'target', 'due_at', 'message', 'ordinal'])
      .expression(sql`select r.m->>'id', ${actor}, r.m->'metadata'->>'causationId', r.r, r.l, r.t, r.d, r.m, r.n
        from rows from (jsonb_to_recordset(${rows}::text::jsonb) as (r text, l text, t text, d timestamptz, m jsonb))
        with ordinality as r(r, l, t, d, m, n)`)
      .returning(['id', 'ordinal']));
  // The pending row lists the ids as stored, read back from the insert: they do not travel twice.
  // Its time is the insert's (clock_timestamp), not the transaction's start (now()): the
  // sweeper takes rows older than its minAge, and a long transaction's row must not look
  // left behind the moment it commits (see dispatchAfterCommit's lease).
  const inserted = stored.insertInto('outbox_pending').columns(['id', 'ids', 'created_at'])
    .expression(sql`select ${pendingId}, array_agg(s.id order by s.ordinal), clock_timestamp() from stored as s`)
    .execute();
  return { pendingIds: [pendingId], stored: inserted };
}

/**
 * The broker confirmed what these pending rows stand for: they go. A delete, not an update of
 * the outbox (see actors/sql/actors/0004_outbox_pending.sql), of one row per transaction (0007).
 */
export async function markDispatched(db: Kysely<RuntimeTables>, pendingIds: readonly string[]): Promise<void> {
  if (pendingIds.length === 0) return;
  // `= any(array)`, not `in (select jsonb_array_elements_text(…))`: the planner joined that
  // subquery by hashing it against a sequential scan of the table, which churns and is
  // mostly dead rows between vacuums.
  await db.deleteFrom('outbox_pending').where(anyOf('id', pendingIds)).execute();
}

/**
 * The rows as one JSON text. Each message goes in as its wire body (`bodyText`), written
 * once: the publish after commit sends the same text. Sent as text (`::text::jsonb`), or the
 * driver would serialise the string again as a JSON string.
 */
function rowsText(messages: readonly AddressedMessage[]): string {
  let text = '[';
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const row = JSON.stringify(toRow(m));
    // `{…,"m":<body>}`: the row's own fields, then the body spliced in as it is.
    text += `${i === 0 ? '' : ','}${row.slice(0, -1)},"m":${bodyText(m.message)}}`;
  }
  return `${text}]`;
}

function toRow(m: AddressedMessage): Row {
  if (m.route === 'command') return { r: m.route, l: m.landscape, t: m.service };
  if (m.route === 'later') return { r: m.route, l: m.landscape, t: m.queue, d: m.dueAt };
  return { r: m.route, l: m.landscape };
}

export function fromRow(row: Pick<OutboxTable, 'route' | 'landscape' | 'target' | 'due_at' | 'message'>): AddressedMessage {
  const stored = row.message as Envelope;
  // Stored as its wire body, without the attempt (a header): an emitted message's first is 1.
  // A copy, not an edit: envelopes are read-only (the codec caches bodies by envelope).
  const message: Envelope = stored.metadata.attempt === undefined ? { ...stored, metadata: { ...stored.metadata, attempt: 1 } } : stored;
  if (row.route === 'command') return { route: 'command', landscape: row.landscape, service: row.target!, message };
  if (row.route === 'later') return { route: 'later', landscape: row.landscape, queue: row.target!, dueAt: new Date(row.due_at!), message };
  return { route: 'event', landscape: row.landscape, message };
}
