import { sql } from 'kysely';
import { z } from 'zod';
import { defineActor, on, onBatch, type BatchItem, type PersistentContext } from '../../actors/mod.ts';
import type { Countdown } from './pipeline.ts';

/** The Postgres schema (and `sql/<schema>/` migration folder) of the benchmark's actor. */
export const counterSchema = 'bench_counters';

/**
 * Messages spread over this many counter rows. A round's messages (numbered from 0) each
 * bump a row of their own, as in a service whose messages are about different accounts or
 * orders: two batches committing at once never wait for each other's row locks (with a
 * thousand hot rows, a batch of a thousand touched most of them, and the second batch
 * waited for the first one's commit). Later rounds bump the same rows again.
 */
const keys = 1_000_000;

const tick = z.object({ seq: z.number(), note: z.string() });
type Tick = z.infer<typeof tick>;

export interface CounterActorOptions {
  landscape: string;
  service: string;
  /** Messages per transaction; 1 handles each in its own. */
  batch: number;
  prefetch: number;
  concurrency: number;
  /** Batches whose transactions run at once. */
  concurrentBatches: number;
  /** One upsert per message (`on`) rather than one per batch (`onBatch`). */
  perMessage: boolean;
  handled: Countdown;
}

/**
 * The realistic "handle, change state, emit" shape: validate (zod), bump the counter row
 * named by the message in the actor's own table, emit one event. The runtime wraps it in
 * inbox + outbox + flow records in one transaction and publishes the event after commit.
 */
export function counterActor(options: CounterActorOptions) {
  const { handled } = options;

  /** Each message on its own: one upsert per message, also inside a batch. */
  const perMessage = on(tick, async (message, context) => {
    const { seq } = message.data;
    const key = keyOf(seq);
    await (context as PersistentContext).db.insertInto('counters')
      .values({ actor: context.actor, key, count: 1, last_seq: seq })
      .onConflict((conflict) => conflict.columns(['actor', 'key']).doUpdateSet({ count: sql`counters.count + 1`, last_seq: seq }))
      .execute();
    context.publish('Counted', { key, seq });
    handled.hit();
  });

  /** The batch's messages at once: one upsert for all of them (a batch of one is the same as above). */
  const perBatch = onBatch(tick, async (items: ReadonlyArray<BatchItem<Tick>>) => {
    const first = items[0]!.context;
    // Summed per key first: one INSERT … ON CONFLICT may touch a row only once.
    const rows = new Map<string, { key: string; count: number; last_seq: number }>();
    for (const { message, context } of items) {
      const { seq } = message.data;
      const key = keyOf(seq);
      const row = rows.get(key);
      if (row) {
        row.count += 1;
        row.last_seq = seq;
      } else rows.set(key, { key, count: 1, last_seq: seq });
      context.publish('Counted', { key, seq });
    }
    // In key order: concurrent batches then lock shared rows in one order and never deadlock.
    const sorted = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // The rows travel as one jsonb parameter, as the runtime's own batch statements do: one
    // statement text for any batch size, and one parameter to bind instead of four per row.
    // The actor is the same for all of them: one parameter, not a field of every row.
    await (first as PersistentContext).db.insertInto('counters')
      .columns(['actor', 'key', 'count', 'last_seq'])
      .expression(sql`select ${first.actor}, r.key, r.count, r.last_seq
        from jsonb_to_recordset(${sorted}::jsonb) as r(key text, count bigint, last_seq integer)`)
      .onConflict((conflict) => conflict.columns(['actor', 'key'])
        .doUpdateSet({ count: sql`counters.count + excluded.count`, last_seq: sql`excluded.last_seq` }))
      .execute();
    for (let i = 0; i < items.length; i++) handled.hit();
  });

  return defineActor({
    landscape: options.landscape,
    service: options.service,
    schema: counterSchema,
    prefetch: options.prefetch,
    concurrency: options.concurrency,
    batch: options.batch,
    concurrentBatches: options.concurrentBatches,
    commands: { Tick: options.perMessage ? perMessage : perBatch },
  });
}

function keyOf(seq: number): string {
  return `counter-${seq % keys}`;
}
