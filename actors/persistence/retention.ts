import { sql, type Kysely } from 'kysely';
import type { RuntimeTables } from './runtime-tables.ts';

export interface RetentionResult {
  inbox: number;
  outbox: number;
  flow: number;
  deadLetters: number;
}

/**
 * Deletes what is older than `retention` ms: inbox rows (a duplicate arriving later than
 * that is no longer recognised), outbox rows the broker confirmed, flow records, and dead letters
 * retried or discarded that long ago (a parked one waits for a person however long it takes).
 */
export async function cleanUp(db: Kysely<RuntimeTables>, retention: number, now: number): Promise<RetentionResult> {
  const before = new Date(now - retention);
  const [inbox, outbox, flow, resolved] = await Promise.all([
    db.deleteFrom('inbox').where('received_at', '<', before).executeTakeFirst(),
    // A row still pending (never confirmed by the broker) is kept, however old.
    db.deleteFrom('outbox').where('created_at', '<', before)
      // A pending row lists its transaction's messages (`ids`), or is the one message of its id.
      .where('id', 'not in', (eb) => eb.selectFrom('outbox_pending as p').select(sql<string>`unnest(coalesce(p.ids, array[p.id]))`.as('id')))
      .executeTakeFirst(),
    db.deleteFrom('flow').where('recorded_at', '<', before).executeTakeFirst(),
    db.deleteFrom('dead_letters').where('resolved_at', '<', before).where('status', '<>', 'parked').executeTakeFirst(),
  ]);
  return {
    inbox: Number(inbox.numDeletedRows),
    outbox: Number(outbox.numDeletedRows),
    flow: Number(flow.numDeletedRows),
    deadLetters: Number(resolved.numDeletedRows),
  };
}
