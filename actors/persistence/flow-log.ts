import { sql, type Kysely } from 'kysely';
import type { Envelope } from '../envelope/envelope.ts';
import type { FlowTable, RuntimeTables } from './runtime-tables.ts';

/** A flow row as it travels in JSON: `occurred_at` stays the message's ISO text. */
type Row = Omit<FlowTable, 'seq' | 'recorded_at' | 'occurred_at'> & { occurred_at: string };

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
  const rows = [...handled.map((m) => row(actor, m, 'handled')), ...emitted.map((m) => row(actor, m, 'emitted'))];
  if (rows.length === 0) return;
  await trx.insertInto('flow')
    .columns(['correlation_id', 'message_id', 'causation_id', 'type', 'kind', 'source', 'actor', 'direction', 'occurred_at'])
    // In array order (`with ordinality`), so `seq` numbers them as recorded.
    .expression(sql`select correlation_id, message_id, causation_id, type, kind, source, actor, direction, occurred_at
      from rows from (jsonb_to_recordset(${rows}::jsonb) as (correlation_id text, message_id text,
        causation_id text, type text, kind text, source text, actor text, direction text, occurred_at timestamptz))
      with ordinality as r(correlation_id, message_id, causation_id, type, kind, source, actor, direction, occurred_at, n)
      order by n`)
    .execute();
}

function row(actor: string, message: Envelope, direction: Row['direction']): Row {
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
