import { sql, type Kysely } from 'kysely';
import { bodyText } from '../envelope/codec.ts';
import { newMessageId } from '../envelope/message-id.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import { insertFlow, type FlowRow } from './flow-log.ts';
import type { OutboxTable, RuntimeTables } from './runtime-tables.ts';

/**
 * An outbox row as it travels in JSON: only what the envelope does not already say (its id
 * and causation id are read from it in SQL, the actor is one parameter, the position comes
 * from `with ordinality`), no nulls. A batch's rows are tens of kilobytes, each byte
 * serialised, written to the socket and parsed by Postgres.
 */
interface Row {
  route: OutboxTable['route'];
  landscape: string;
  target?: string;
  due_at?: Date;
  // and `message`, spliced in as its body text (see `rowsText`)
}

/**
 * Stores emitted messages in the caller's transaction (rule 5), each under the message that
 * caused it, and one pending row listing them until the broker confirmed them; returns the
 * ids of the pending rows it wrote, for `markDispatched`: that one, or none when nothing was
 * emitted. The flow log reads them
 * from here (see `flowOf`). `flow` rows (what was handled), if any, go in the same
 * statement (one round trip). The rows travel as one jsonb parameter (`jsonb_to_recordset`)
 * rather than ten parameters per row: one statement text for any count (prepared once per
 * connection, not once per batch size), and one parameter to bind.
 */
export async function storeInOutbox(trx: Kysely<RuntimeTables>, actor: string, messages: readonly AddressedMessage[], flow: readonly FlowRow[] = []): Promise<string[]> {
  if (messages.length === 0) {
    if (flow.length > 0) await insertFlow(trx, actor, flow).execute();
    return [];
  }
  const rows = rowsText(messages);
  const pendingId = newMessageId();
  const ids = messages.map((m) => m.message.id);
  // Tables are named through the builder, so they carry the (namespaced) runtime schema.
  const stored = trx
    .with('stored', (db) => db.insertInto('outbox')
      .columns(['id', 'actor', 'causation_id', 'route', 'landscape', 'target', 'due_at', 'message', 'ordinal'])
      .expression(sql`select r.message->>'id', ${actor}, r.message->'metadata'->>'causationId', r.route, r.landscape, r.target, r.due_at, r.message, r.n
        from rows from (jsonb_to_recordset(${rows}::text::jsonb) as (route text, landscape text, target text, due_at timestamptz, message jsonb))
        with ordinality as r(route, landscape, target, due_at, message, n)`));
  const pending = (db: typeof stored) => db.insertInto('outbox_pending').values({ id: pendingId, ids: sql<string[]>`${ids}::text[]` });
  if (flow.length === 0) await pending(stored).execute();
  else await insertFlow(stored.with('pending', (db) => pending(db as typeof stored)), actor, flow).execute();
  return [pendingId];
}

/** What an actor emitted while handling a message: a replay publishes exactly these again. */
export async function emittedBy(db: Kysely<RuntimeTables>, actor: string, causationIds: readonly string[]): Promise<AddressedMessage[]> {
  if (causationIds.length === 0) return [];
  const rows = await db.selectFrom('outbox').selectAll()
    .where('actor', '=', actor).where('causation_id', 'in', causationIds)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map(fromRow);
}

/**
 * The broker confirmed what these pending rows stand for: they go. A delete, not an update of
 * the outbox (see sql/actors/0004_outbox_pending.sql), of one row per transaction (0007).
 */
export async function markDispatched(db: Kysely<RuntimeTables>, pendingIds: readonly string[]): Promise<void> {
  if (pendingIds.length === 0) return;
  // `= any(array)`, not `in (select jsonb_array_elements_text(…))`: the planner joined that
  // subquery by hashing it against a sequential scan of the table, which churns and is
  // mostly dead rows between vacuums.
  await db.deleteFrom('outbox_pending').where(sql<boolean>`id = any(${pendingIds}::text[])`).execute();
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
    // `{…,"message":<body>}`: the row's own fields, then the body spliced in as it is.
    text += `${i === 0 ? '' : ','}${row.slice(0, -1)},"message":${bodyText(m.message)}}`;
  }
  return `${text}]`;
}

function toRow(m: AddressedMessage): Row {
  if (m.route === 'command') return { route: m.route, landscape: m.landscape, target: m.service };
  if (m.route === 'later') return { route: m.route, landscape: m.landscape, target: m.queue, due_at: m.dueAt };
  return { route: m.route, landscape: m.landscape };
}

export function fromRow(row: Pick<OutboxTable, 'route' | 'landscape' | 'target' | 'due_at' | 'message'>): AddressedMessage {
  const message = row.message as Envelope;
  // Stored as its wire body, without the attempt (a header): an emitted message's first is 1.
  message.metadata.attempt ??= 1;
  if (row.route === 'command') return { route: 'command', landscape: row.landscape, service: row.target!, message };
  if (row.route === 'later') return { route: 'later', landscape: row.landscape, queue: row.target!, dueAt: new Date(row.due_at!), message };
  return { route: 'event', landscape: row.landscape, message };
}
