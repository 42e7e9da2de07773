import { sql, type Kysely } from 'kysely';
import type { RuntimeTables } from './runtime-tables.ts';

/** Which of the messages just recorded are new to the actor. */
export interface Received {
  isFresh(messageId: string): boolean;
}

const allFresh: Received = { isFresh: () => true };

/**
 * Records that `actor` received these messages, in the caller's transaction, and tells
 * which it had not seen before. A redelivered message finds its row (rule 5).
 */
export async function receiveOnce(trx: Kysely<RuntimeTables>, actor: string, messageIds: readonly string[]): Promise<Received> {
  if (messageIds.length === 0) return allFresh;
  // The ids travel as one JSON array (the driver serialises a jsonb parameter): the
  // statement's text is the same for any batch size, so it is prepared once per
  // connection, and two parameters cost less to bind than two per row.
  // The answer is one row: null when every message was new (nearly always), else the
  // ones that were. A batch's thousand ids do not travel back to be parsed into rows.
  const [answer] = await trx
    .with('received', (db) => db.insertInto('inbox')
      .columns(['actor', 'message_id'])
      .expression(sql`select ${actor}, jsonb_array_elements_text(${messageIds}::jsonb)`)
      .onConflict((conflict) => conflict.columns(['actor', 'message_id']).doNothing())
      .returning('message_id'))
    .selectFrom('received')
    .select(sql<string[] | null>`case when count(*) = ${messageIds.length} then null else coalesce(array_agg(message_id), '{}') end`.as('fresh'))
    .execute();
  const fresh = answer?.fresh;
  if (fresh === null || fresh === undefined) return allFresh;
  const set = new Set(fresh);
  return { isFresh: (id) => set.has(id) };
}
