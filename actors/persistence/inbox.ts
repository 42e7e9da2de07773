import type { Kysely } from 'kysely';
import type { RuntimeTables } from './runtime-tables.ts';

/**
 * Records that `actor` received these messages, in the caller's transaction, and returns
 * the ids it had not seen before. A redelivered message finds its row (rule 5).
 */
export async function receiveOnce(trx: Kysely<RuntimeTables>, actor: string, messageIds: readonly string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const inserted = await trx.insertInto('inbox')
    .values(messageIds.map((id) => ({ actor, message_id: id })))
    .onConflict((conflict) => conflict.columns(['actor', 'message_id']).doNothing())
    .returning('message_id')
    .execute();
  return new Set(inserted.map((row) => row.message_id));
}
