import { sql } from 'kysely';
import { z } from 'zod';
import { defineActor, on, onBatch, type BatchItem, type PersistentContext } from '../../actors/mod.ts';
import type { Countdown } from './pipeline.ts';

/** The Postgres schema (and `sql/<schema>/` migration folder) of the benchmark's actor. */
export const counterSchema = 'bench_counters';

/** Messages spread over this many counter rows: few enough to be hot, enough not to serialise parallel transactions. */
const keys = 1_000;

const tick = z.object({ seq: z.number(), note: z.string() });
type Tick = z.infer<typeof tick>;

export interface CounterActorOptions {
  landscape: string;
  service: string;
  /** Messages per transaction; 1 handles each in its own. */
  batch: number;
  prefetch: number;
  concurrency: number;
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
    const rows = new Map<string, { actor: string; key: string; count: number; last_seq: number }>();
    for (const { message, context } of items) {
      const { seq } = message.data;
      const key = keyOf(seq);
      const row = rows.get(key);
      if (row) {
        row.count += 1;
        row.last_seq = seq;
      } else rows.set(key, { actor: context.actor, key, count: 1, last_seq: seq });
      context.publish('Counted', { key, seq });
    }
    await (first as PersistentContext).db.insertInto('counters')
      .values([...rows.values()])
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
    commands: { Tick: options.perMessage ? perMessage : perBatch },
  });
}

function keyOf(seq: number): string {
  return `counter-${seq % keys}`;
}
