import type { Kysely } from 'kysely';
import type { HeartbeatTables } from './heartbeat-tables.ts';
import type { Pace } from './pace.ts';

export async function readPace(db: Kysely<HeartbeatTables>, options: { lock?: boolean } = {}): Promise<Pace> {
  let query = db.selectFrom('pace').select(['next_beat', 'batch_size', 'interval_ms', 'generation']).where('id', '=', 1);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return { nextBeat: Number(row.next_beat), batchSize: row.batch_size, intervalMs: row.interval_ms, generation: row.generation };
}

export async function savePace(db: Kysely<HeartbeatTables>, pace: Pace): Promise<void> {
  await db.updateTable('pace').set({
    next_beat: pace.nextBeat, batch_size: pace.batchSize, interval_ms: pace.intervalMs, generation: pace.generation,
  }).where('id', '=', 1).execute();
}
