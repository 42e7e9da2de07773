import { appMigrations } from '../../app-config.ts';
import postgres from 'postgres';
import { ActorSystem, actorName, createCommand, createLogger, schemaName } from '../../actors/mod.ts';
import type { BenchPath, BenchSettings } from './bench-path.ts';
import { counterActor, counterSchema } from './counter-actor.ts';
import { benchData } from './message-body.ts';
import { Countdown, pipelined, within } from './pipeline.ts';
import { managementUrl } from '../support/environment.ts';
import { testInternals } from '../../actors/testing.ts';

const landscape = 'bench';
/** The benchmark's own migrations (`sql/bench_counters/`), beside the runtime's. */
const benchMigrations = new URL('./sql/', import.meta.url).pathname;

export interface ExactlyOnceOptions {
  /** Column label and JSON key. */
  name: string;
  /** Own service per path: both share the namespace's runtime schema but not a mailbox. */
  service: string;
  /** Messages per transaction. */
  batch: number;
  /** Batches whose transactions run at once (the runtime's `concurrentBatches`). */
  concurrentBatches: number;
  /** The handler upserts once per message even in a batch (else once per batch, `onBatch`). */
  perMessage: boolean;
  /** Messages per round; the unbatched path is slow, so it may run fewer. */
  messages: number;
  databaseUrl: string;
}

/**
 * The exactly-once path: `bus.send` of a command (confirmed); the actor's mailbox worker
 * records it in the inbox, runs the handler (an upsert in its own table, one event) and
 * stores the event in the outbox and the flow log, all in one Postgres transaction; after
 * commit the event is published with confirms and marked dispatched; then the delivery is
 * acked. Nobody binds to the event: the broker confirms it all the same.
 */
export function exactlyOncePath(settings: BenchSettings, options: ExactlyOnceOptions): BenchPath {
  const handled = new Countdown();
  const actor = counterActor({
    landscape,
    service: options.service,
    batch: options.batch,
    // Unbatched, one transaction per message: as many at once as the pool has connections.
    // Batched, the runtime admits batch × (concurrentBatches + 1) at least: the batches
    // committing or waiting for their publish confirms, and one more gathering.
    concurrency: 10,
    // The broker sends one batch more than the runtime admits: when a batch's acks free its
    // room, the next thousand deliveries are already here rather than a round trip away.
    // (About 3 % more throughput in A/B runs than without it.)
    prefetch: Math.max(settings.prefetch, (options.concurrentBatches + 2) * options.batch),
    concurrentBatches: options.concurrentBatches,
    perMessage: options.perMessage,
    handled,
  });
  let system: ActorSystem | undefined;
  let sent = 0;

  const send = (seq: number) => testInternals(system!).bus.send(landscape, options.service, createCommand('Tick', benchData(seq), { source: 'bench' }));

  return {
    name: options.name,
    messages: options.messages,
    async open() {
      system = await ActorSystem.start({
        actors: [actor],
        amqpUrl: settings.amqpUrl,
        managementUrl: managementUrl(),
        namespace: settings.namespace,
        logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
        connectionName: `${settings.namespace}.${options.name}`,
        database: { url: options.databaseUrl, migrations: [appMigrations, benchMigrations] },
      });
    },
    async run(count) {
      handled.reset(count);
      const mailbox = system!.operations.mailboxes[0]!.subscription;
      const started = performance.now();
      // As the runtime path: every handler ran, then the subscription is idle, so every
      // transaction committed, every event was confirmed and every delivery acked.
      const allAcked = handled.reached.then(() => mailbox.idle());
      await within(Promise.all([pipelined(count, settings.window, send), allAcked]), settings.roundTimeout, `${options.name} round`);
      const ms = performance.now() - started;
      sent += count;
      await checkCounted(options.databaseUrl, schemaName(settings.namespace, counterSchema), actorName(actor), sent);
      return ms;
    },
    async close() {
      await system?.stop();
    },
  };
}

/**
 * Outside the timing: the counters must add up to every message sent so far, so a path
 * that skipped the state change (or applied one twice) cannot pass as fast.
 */
async function checkCounted(url: string, schema: string, actor: string, expected: number): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ total: string | null }[]>`select sum(count)::text as total from ${sql(schema)}.counters where actor = ${actor}`;
    const total = Number(row?.total ?? 0);
    if (total !== expected) throw new Error(`counters add up to ${total}, expected ${expected}`);
  } finally {
    await sql.end();
  }
}
