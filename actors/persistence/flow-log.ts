import { sql, type Kysely, type QueryCreator } from 'kysely';
import type { Envelope } from '../envelope/envelope.ts';
import type { FlowTable, RuntimeTables } from './runtime-tables.ts';

/** A flow row as it travels in JSON: `occurred_at` stays the message's ISO text. */
export type FlowRow = Omit<FlowTable, 'seq' | 'recorded_at' | 'occurred_at'> & { occurred_at: string };

/**
 * Records handled and emitted messages per correlation id, so one flow can be drawn (rule 14).
 * The rows travel as one JSON array, as in the outbox: one parameter for any count.
 */
export async function recordFlow(
  trx: Kysely<RuntimeTables>,
  actor: string,
  handled: readonly Envelope[],
  emitted: readonly Envelope[],
): Promise<void> {
  const rows = flowRows(actor, handled, emitted);
  if (rows.length === 0) return;
  await insertFlow(trx, rows).execute();
}

/** The flow rows of what `actor` handled and emitted, handled first. */
export function flowRows(actor: string, handled: readonly Envelope[], emitted: readonly Envelope[]): FlowRow[] {
  const rows: FlowRow[] = [];
  for (const m of handled) rows.push(row(actor, m, 'handled'));
  for (const m of emitted) rows.push(row(actor, m, 'emitted'));
  return rows;
}

/**
 * The insert of `rows` (in array order, `with ordinality`, so `seq` numbers them as
 * recorded); `db` may carry CTEs (the outbox's), so one statement stores both.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any CTEs on top of the runtime's tables
export function insertFlow(db: QueryCreator<any>, rows: readonly FlowRow[]) {
  return (db as QueryCreator<RuntimeTables>).insertInto('flow')
    .columns(['correlation_id', 'message_id', 'causation_id', 'type', 'kind', 'source', 'actor', 'direction', 'occurred_at'])
    .expression(sql`select correlation_id, message_id, causation_id, type, kind, source, actor, direction, occurred_at
      from rows from (jsonb_to_recordset(${rows}::jsonb) as (correlation_id text, message_id text,
        causation_id text, type text, kind text, source text, actor text, direction text, occurred_at timestamptz))
      with ordinality as r(correlation_id, message_id, causation_id, type, kind, source, actor, direction, occurred_at, n)
      order by n`);
}

function row(actor: string, message: Envelope, direction: FlowRow['direction']): FlowRow {
  return {
    correlation_id: message.metadata.correlationId,
    message_id: message.id,
    causation_id: message.metadata.causationId ?? null,
    type: message.type,
    kind: message.kind,
    source: message.metadata.source,
    actor,
    direction,
    occurred_at: message.metadata.occurredAt,
  };
}

/** Every message of one flow, in the order recorded. */
export async function flowOf(db: Kysely<RuntimeTables>, correlationId: string) {
  return db.selectFrom('flow').selectAll().where('correlation_id', '=', correlationId).orderBy('seq').execute();
}
