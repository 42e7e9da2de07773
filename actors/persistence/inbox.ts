import { sql, type Kysely } from 'kysely';
import type { Envelope } from '../envelope/envelope.ts';
import { flowFields } from './flow-log.ts';
import type { RuntimeTables } from './runtime-tables.ts';

/** Which of the messages just recorded are new to the actor. */
export interface Received {
  isFresh(messageId: string): boolean;
}

const allFresh: Received = { isFresh: () => true };

/**
 * Records that `actor` received these messages, in the caller's transaction, and tells
 * which it had not seen before. A redelivered message finds its row (rule 5). The row is the
 * message's flow record too (rule 14): its ids, type, kind, source and time, in the order
 * given (see actors/sql/actors/0009). The caller handles the fresh ones in this transaction, or
 * rolls it back.
 */
export async function receiveOnce(trx: Kysely<RuntimeTables>, actor: string, messages: readonly Envelope[]): Promise<Received> {
  if (messages.length === 0) return allFresh;
  // The rows travel as one JSON array (the driver serialises a jsonb parameter): the
  // statement's text is the same for any batch size, so it is prepared once per
  // connection, and three parameters cost less to bind than nine per row.
  // The answer is one row: null when every message was new (nearly always), else the
  // ones that were. A batch's thousand ids do not travel back to be parsed into rows.
  const [answer] = await trx
    .with('received', (db) => db.insertInto('inbox')
      .columns(['actor', 'message_id', 'correlation_id', 'causation_id', 'type', 'kind', 'source', 'occurred_at', 'ordinal'])
      .expression(sql`select ${actor}, r.i, r.c, r.a, r.t, r.k, r.s, r.o, r.n
        from rows from (jsonb_to_recordset(${messages.map(flowFields)}::jsonb) as (c text, i text, a text, t text, k text, s text, o timestamptz))
        with ordinality as r(c, i, a, t, k, s, o, n)`)
      .onConflict((conflict) => conflict.columns(['actor', 'message_id']).doNothing())
      .returning('message_id'))
    .selectFrom('received')
    .select(sql<string[] | null>`case when count(*) = ${messages.length} then null else coalesce(array_agg(message_id), '{}') end`.as('fresh'))
    .execute();
  const fresh = answer?.fresh;
  if (fresh === null || fresh === undefined) return allFresh;
  const set = new Set(fresh);
  return { isFresh: (id) => set.has(id) };
}
