import type { Kysely } from 'kysely';
import type { RuntimeTables } from './runtime-tables.ts';

export interface RetentionResult {
  inbox: number;
  outbox: number;
  flow: number;
}

/**
 * Deletes what is older than `retention` ms: inbox rows (a duplicate arriving later than
 * that is no longer recognised), dispatched outbox rows and flow records.
 */
export async function cleanUp(db: Kysely<RuntimeTables>, retention: number, now = Date.now()): Promise<RetentionResult> {
  const before = new Date(now - retention);
  const [inbox, outbox, flow] = await Promise.all([
    db.deleteFrom('inbox').where('received_at', '<', before).executeTakeFirst(),
    db.deleteFrom('outbox').where('dispatched_at', '<', before).executeTakeFirst(),
    db.deleteFrom('flow').where('recorded_at', '<', before).executeTakeFirst(),
  ]);
  return { inbox: Number(inbox.numDeletedRows), outbox: Number(outbox.numDeletedRows), flow: Number(flow.numDeletedRows) };
}
