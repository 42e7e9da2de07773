import { setImmediate } from 'node:timers';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import postgres from 'postgres';
import { z } from 'zod';
import { asQueueArguments, mailboxSettings } from '../../actors/topology/mailbox-policy.ts';
import { systemClock } from '../../actors/clock/clock.ts';
import type { BenchPath, BenchSettings } from './bench-path.ts';
import { publishConfirmed } from './confirmed-publish.ts';
import { rawBody } from './message-body.ts';
import { Countdown, pipelined, within } from './pipeline.ts';

export interface ExactlyOnceBaselineOptions {
  /** Messages per transaction, as the batched runtime path's. */
  batch: number;
  /** Transactions running at once, as the batched runtime path's. */
  concurrentBatches: number;
  messages: number;
  databaseUrl: string;
}

const tick = z.object({ seq: z.number(), note: z.string() });
/** As counter-actor.ts: each message bumps a row of its own within a round. */
const keys = 1_000_000;

/**
 * The exactly-once path written by hand, as a skilled engineer would without our runtime:
 * raw amqplib and raw postgres.js on the same work as `exactlyOnceBatched`. Commands are
 * published with confirms into a quorum queue (the mailbox's arguments); the consumer
 * gathers deliveries into batches (cut the same way as the runtime's collector: a batch of
 * up to `batch`, a second one beside a running one only when full), and per batch runs one
 * transaction: the inbox insert (the ids already there are left out), the validated
 * messages' counter upsert (summed per key, in key order) and one outbox row per event;
 * after commit the transaction's turn is free for the next batch, the events are published
 * to a topic exchange with confirms, the outbox rows deleted, and the deliveries acked
 * (`multiple`, in delivery order). What it leaves out is what our runtime adds: signatures,
 * the flow record's fields, the pending-row lease, retries and parking, redelivery replay.
 */
export function exactlyOnceBaselinePath(settings: BenchSettings, options: ExactlyOnceBaselineOptions): BenchPath {
  const queue = `${settings.namespace}.baseline`;
  const exchange = `${settings.namespace}.baseline.events`;
  const schema = `${settings.namespace.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase()}_baseline`;
  const acked = new Countdown();
  let connection: ChannelModel | undefined;
  let sender: ConfirmChannel | undefined;
  let sql: postgres.Sql | undefined;
  let sent = 0;

  const send = (seq: number) => {
    const { id, content } = rawBody(seq);
    return publishConfirmed(sender!, '', queue, content, id);
  };

  return {
    name: 'exactlyOnceBaseline',
    messages: options.messages,
    async open() {
      sql = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
      await sql.unsafe(`
        create schema if not exists "${schema}";
        create table "${schema}".inbox (message_id text primary key, received_at timestamptz not null default now());
        create table "${schema}".outbox (id text primary key, causation_id text not null, routing_key text not null, message jsonb not null, created_at timestamptz not null default now());
        create table "${schema}".counters (key text primary key, count bigint not null, last_seq integer not null);`);
      connection = await amqp.connect(settings.amqpUrl, { clientProperties: { connection_name: `${settings.namespace}.baseline` } });
      connection.on('error', (error: Error) => console.error(`baseline connection: ${error.message}`));
      sender = await connection.createConfirmChannel();
      await sender.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum', ...asQueueArguments(mailboxSettings(`${queue}.parked`, {}, systemClock())) } });
      await sender.assertExchange(exchange, 'topic', { durable: true });
      const events = await connection.createConfirmChannel();
      const consumer = await connection.createChannel();
      // As the runtime path: the batches admitted, one more gathering, and one more on its way.
      await consumer.prefetch(Math.max(settings.prefetch, (options.concurrentBatches + 2) * options.batch));
      const handle = batchHandler(sql, schema, events, exchange);
      const batches = new BatchTurns(options.batch, options.concurrentBatches, consumer, handle, (n) => { for (let i = 0; i < n; i++) acked.hit(); });
      await consumer.consume(queue, (message) => { if (message) batches.add(message); });
    },
    async run(count) {
      acked.reset(count);
      const started = performance.now();
      await within(Promise.all([pipelined(count, settings.window, send), acked.reached]), settings.roundTimeout, 'baseline round');
      const ms = performance.now() - started;
      sent += count;
      // Outside the timing, as the runtime path's check: every message counted once.
      const [row] = await sql!.unsafe(`select coalesce(sum(count), 0)::text as total from "${schema}".counters`);
      if (Number(row!.total) !== sent) throw new Error(`baseline counters add up to ${row!.total}, expected ${sent}`);
      return ms;
    },
    async close() {
      await connection?.close().catch(() => {});
      await sql?.end({ timeout: 5 });
    },
  };
}

type Handle = (batch: readonly ConsumeMessage[], committed: () => void) => Promise<void>;

/** One batch: parse and validate, one transaction, then publish with confirms, delete the outbox rows. */
function batchHandler(sql: postgres.Sql, schema: string, events: ConfirmChannel, exchange: string): Handle {
  return async (batch, committed) => {
    const items = batch.map((delivery) => {
      const body = JSON.parse(delivery.content.toString('utf8')) as { id: string; data: unknown; metadata: { correlationId: string } };
      return { id: body.id, correlationId: body.metadata.correlationId, data: tick.parse(body.data) };
    });
    const fresh = await sql.begin(async (trx) => {
      const inserted = await trx.unsafe(`insert into "${schema}".inbox (message_id) select unnest($1::text[]) on conflict do nothing returning message_id`, [items.map((i) => i.id)]);
      const isNew = new Set(inserted.map((r) => r.message_id as string));
      const handled = items.filter((i) => isNew.has(i.id));
      const counts = new Map<string, { count: number; last: number }>();
      const out: Array<{ id: string; causation: string; body: string }> = [];
      for (const { id, correlationId, data } of handled) {
        const key = `counter-${data.seq % keys}`;
        const row = counts.get(key);
        if (row) { row.count += 1; row.last = data.seq; } else counts.set(key, { count: 1, last: data.seq });
        const eventId = crypto.randomUUID();
        out.push({ id: eventId, causation: id, body: JSON.stringify({
          id: eventId, kind: 'event', type: 'Counted', data: { key, seq: data.seq },
          metadata: { correlationId, causationId: id, occurredAt: new Date().toISOString(), source: 'baseline' },
        }) });
      }
      const sorted = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      // Pipelined: both go out together, the commit behind them.
      await Promise.all([
        trx.unsafe(`insert into "${schema}".counters (key, count, last_seq)
          select * from unnest($1::text[], $2::bigint[], $3::integer[])
          on conflict (key) do update set count = counters.count + excluded.count, last_seq = excluded.last_seq`,
        [sorted.map(([k]) => k), sorted.map(([, r]) => r.count), sorted.map(([, r]) => r.last)]),
        trx.unsafe(`insert into "${schema}".outbox (id, causation_id, routing_key, message)
          select * from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
        [out.map((o) => o.id), out.map((o) => o.causation), out.map(() => 'Counted'), out.map((o) => o.body)]),
      ]);
      return out;
    });
    committed();
    await Promise.all(fresh.map((event) => publishConfirmed(events, exchange, 'Counted', Buffer.from(event.body), event.id)));
    await sql.unsafe(`delete from "${schema}".outbox where id = any($1::text[])`, [fresh.map((e) => e.id)]);
  };
}

/**
 * Batches of deliveries, at most `concurrency` in their transaction at once; acks in
 * delivery order (`multiple` up to a finished batch's last delivery, once every batch
 * before it finished too).
 */
class BatchTurns {
  readonly #waiting: ConsumeMessage[] = [];
  readonly #unacked: Array<{ last: ConsumeMessage; size: number; done: boolean }> = [];
  #running = 0;
  #scheduled = false;

  constructor(
    private readonly size: number,
    private readonly concurrency: number,
    private readonly channel: Channel,
    private readonly handle: Handle,
    private readonly onAcked: (count: number) => void,
  ) {}

  add(message: ConsumeMessage): void {
    this.#waiting.push(message);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#cut();
    });
  }

  /** A free turn, and no batch running or a full one waiting (see BatchCollector: fuller batches). */
  #cut(): void {
    while (this.#waiting.length > 0 && this.#running < this.concurrency && (this.#running === 0 || this.#waiting.length >= this.size)) {
      const batch = this.#waiting.splice(0, this.size);
      const entry = { last: batch.at(-1)!, size: batch.length, done: false };
      this.#unacked.push(entry);
      this.#running += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.#running -= 1;
        this.#cut();
      };
      this.handle(batch, release).then(() => {
        release();
        entry.done = true;
        this.#ack();
      }, (error: unknown) => {
        console.error(`baseline batch failed: ${String(error)}`);
        release();
      });
    }
  }

  #ack(): void {
    while (this.#unacked[0]?.done) {
      const { last, size } = this.#unacked.shift()!;
      this.channel.ack(last, true);
      this.onAcked(size);
    }
  }
}
