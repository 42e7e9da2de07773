import { sql, type Kysely, type Selectable } from 'kysely';
import type { Envelope } from '../envelope/envelope.ts';
import type { FlowTable, RuntimeTables } from './runtime-tables.ts';

/**
 * A message's flow fields as they travel in JSON, with one-letter keys and no nulls: a
 * batch's rows are tens of kilobytes, and on this path every byte is serialised, written to
 * the socket and parsed again by Postgres. The actor is one parameter for all rows. The
 * inbox stores the same fields for what an actor handled (see `receiveOnce`).
 */
export interface FlowFields {
  /** correlation id */ c: string;
  /** message id */ i: string;
  /** causation id */ a?: string;
  /** type */ t: string;
  /** kind */ k: string;
  /** source */ s: string;
  /** occurred at (the message's ISO text) */ o: string;
}

/** A flow row: the fields and whether the message was handled or emitted. */
export interface FlowRow extends FlowFields {
  /** direction */ d: 'handled' | 'emitted';
}

/**
 * Records handled and emitted messages per correlation id, so one flow can be drawn (rule 14),
 * for what does not pass the inbox or the outbox (which hold their messages' flow themselves).
 * The rows travel as one JSON array, as in the outbox: one parameter for any count, in array
 * order (`with ordinality`, so `seq` numbers them as recorded).
 */
export async function recordFlow(
  trx: Kysely<RuntimeTables>,
  actor: string,
  handled: readonly Envelope[],
  emitted: readonly Envelope[],
): Promise<void> {
  const rows: FlowRow[] = [];
  for (const m of handled) rows.push({ ...flowFields(m), d: 'handled' });
  for (const m of emitted) rows.push({ ...flowFields(m), d: 'emitted' });
  if (rows.length === 0) return;
  await trx.insertInto('flow')
    .columns(['correlation_id', 'message_id', 'causation_id', 'type', 'kind', 'source', 'actor', 'direction', 'occurred_at'])
    .expression(sql`select r.c, r.i, r.a, r.t, r.k, r.s, ${actor}, r.d, r.o
      from rows from (jsonb_to_recordset(${rows}::jsonb) as (c text, i text, a text, t text, k text, s text, d text, o timestamptz))
      with ordinality as r(c, i, a, t, k, s, d, o, n)
      order by r.n`)
    .execute();
}

/** The flow fields of `message`, for a flow row or an inbox row. */
export function flowFields(message: Envelope): FlowFields {
  const { correlationId, causationId, source, occurredAt } = message.metadata;
  const fields: FlowFields = { c: correlationId, i: message.id, t: message.type, k: message.kind, s: source, o: occurredAt };
  if (causationId) fields.a = causationId;
  return fields;
}

/** One record of a flow: a message handled or emitted by an actor; `seq` is null for a message read from the inbox or the outbox. */
export type FlowRecord = Omit<Selectable<FlowTable>, 'seq'> & { seq: string | null };

/**
 * Every message of one flow, in the order recorded: the inbox's rows (handled messages), the
 * flow log's (recorded without the inbox or the outbox, and handled before 0009) and the
 * outbox's (emitted through it). One
 * transaction's records share their time (`now()`); within it what was handled comes first,
 * then what was emitted, in the order emitted.
 */
export async function flowOf(db: Kysely<RuntimeTables>, correlationId: string): Promise<FlowRecord[]> {
  const logged = db.selectFrom('flow')
    .select(['seq', 'correlation_id', 'message_id', 'causation_id', 'type', 'kind', 'source', 'actor', 'direction', 'occurred_at', 'recorded_at',
      sql<number>`case direction when 'handled' then 0 else 1 end`.as('phase'), sql<number>`0`.as('origin'), sql<string>`seq`.as('n')])
    .where('correlation_id', '=', correlationId);
  const received = db.selectFrom('inbox as i')
    .select([sql<string | null>`null::bigint`.as('seq'), 'i.correlation_id', 'i.message_id', 'i.causation_id', 'i.type', 'i.kind', 'i.source',
      'i.actor', sql<'handled'>`'handled'`.as('direction'), 'i.occurred_at', 'i.received_at as recorded_at',
      sql<number>`0`.as('phase'), sql<number>`0`.as('origin'), sql<string>`i.ordinal`.as('n')])
    .where('i.correlation_id', '=', correlationId);
  const stored = db.selectFrom('outbox as o')
    .select([sql<string | null>`null::bigint`.as('seq'), sql<string>`o.message->'metadata'->>'correlationId'`.as('correlation_id'),
      'o.id as message_id', 'o.causation_id', sql<string>`o.message->>'type'`.as('type'), sql<string>`o.message->>'kind'`.as('kind'),
      sql<string>`o.message->'metadata'->>'source'`.as('source'), 'o.actor', sql<'emitted'>`'emitted'`.as('direction'),
      sql<Date>`(o.message->'metadata'->>'occurredAt')::timestamptz`.as('occurred_at'), 'o.created_at as recorded_at',
      sql<number>`1`.as('phase'), sql<number>`1`.as('origin'), sql<string>`o.ordinal`.as('n')])
    .where(sql`o.message->'metadata'->>'correlationId'`, '=', correlationId)
    // Recorded in the flow log before the outbox carried the flow (actors/sql/actors/0006).
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('flow as f').select('f.seq')
      .where('f.correlation_id', '=', correlationId).where('f.direction', '=', 'emitted')
      .whereRef('f.message_id', '=', 'o.id').whereRef('f.actor', '=', 'o.actor'))));
  const rows = await logged.unionAll(received as never).unionAll(stored as never).orderBy('recorded_at').orderBy('phase').orderBy('origin').orderBy('n').execute();
  return rows.map(({ phase: _phase, origin: _origin, n: _n, ...row }) => row as FlowRecord);
}
