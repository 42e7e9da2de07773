import type { Kysely } from 'kysely';
import type { Envelope } from '../envelope/envelope.ts';
import type { FlowTable, RuntimeTables } from './runtime-tables.ts';

type Row = Omit<FlowTable, 'seq' | 'recorded_at'>;

/** Records handled and emitted messages per correlation id, so one flow can be drawn (rule 14). */
export async function recordFlow(
  trx: Kysely<RuntimeTables>,
  actor: string,
  handled: readonly Envelope[],
  emitted: readonly Envelope[],
): Promise<void> {
  const rows = [...handled.map((m) => row(actor, m, 'handled')), ...emitted.map((m) => row(actor, m, 'emitted'))];
  if (rows.length > 0) await trx.insertInto('flow').values(rows).execute();
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
    occurred_at: new Date(message.metadata.occurredAt),
  };
}

/** Every message of one flow, in the order recorded. */
export async function flowOf(db: Kysely<RuntimeTables>, correlationId: string) {
  return db.selectFrom('flow').selectAll().where('correlation_id', '=', correlationId).orderBy('seq').execute();
}
