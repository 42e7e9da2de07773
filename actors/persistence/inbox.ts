import { sql, type Kysely } from 'kysely';
import type { RuntimeTables } from './runtime-tables.ts';

/**
 * Records that `actor` received these messages, in the caller's transaction, and returns
 * the ids it had not seen before. A redelivered message finds its row (rule 5).
 */
export async function receiveOnce(trx: Kysely<RuntimeTables>, actor: string, messageIds: readonly string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  // The ids travel as one JSON array (the driver serialises a jsonb parameter): the
  // statement's text is the same for any batch size, so it is prepared once per
  // connection, and two parameters cost less to bind than two per row.
  const inserted = await trx.insertInto('inbox')
    .columns(['actor', 'message_id'])
    .expression(sql`select ${actor}, jsonb_array_elements_text(${messageIds}::jsonb)`)
    .onConflict((conflict) => conflict.columns(['actor', 'message_id']).doNothing())
    .returning('message_id')
    .execute();
  return new Set(inserted.map((row) => row.message_id));
}
