import { Buffer } from 'node:buffer';
import type { Kysely } from 'kysely';
import type { Broker } from '../broker/broker.ts';
import type { Delivery } from '../broker/subscription.ts';
import { headers } from '../envelope/headers.ts';
import type { Logger } from '../logging/logger.ts';
import type { RuntimeTables } from '../persistence/runtime-tables.ts';
import type { MessageSigner } from '../security/signing.ts';
import { edgeQueueName } from '../topology/declare-edge-queue.ts';
import type { TopologyNames } from '../topology/names.ts';
import type { MailboxHandle } from './operations.ts';

/** What crosses the broker when a mailbox is paused or resumed somewhere. */
interface Announcement {
  queue: string;
  paused: boolean;
}

const announcementType = 'MailboxPauseChanged';

/**
 * An operator's pause of a mailbox, held by every process of the system, one started later
 * included, until resumed from any of them. The record is durable and shared (the runtime's
 * `paused_mailboxes` table); a change is announced on a fanout exchange
 * (`actors.operations`), each process listening on a queue of its own, so running replicas
 * react at once. An announcement only says "look again": a process re-reads the table
 * (one read after another, so the last read follows the last change), so a forged or
 * reordered announcement cannot set the state. Without a database the announcement
 * (signed as every message, rule 15) carries the state itself, and nothing outlives the
 * processes.
 */
export class SharedPause {
  readonly #paused = new Set<string>();
  /** Reads and applications in order: each starts after the one before. */
  #work: Promise<void> = Promise.resolve();

  constructor(
    private readonly broker: Broker,
    private readonly names: TopologyNames,
    private readonly signer: MessageSigner,
    private readonly mailboxes: readonly MailboxHandle[],
    private readonly db: () => Kysely<RuntimeTables> | undefined,
    private readonly logger: Logger,
  ) {}

  /** Listens for announcements first, then reads the record: a change made in between is not missed. */
  async start(): Promise<void> {
    const queue = edgeQueueName(this.names, 'operations');
    const exchange = this.names.operations();
    let connected = false;
    await this.broker.onConnected(async (model) => {
      const channel = await model.createChannel();
      try {
        await channel.assertExchange(exchange, 'fanout', { durable: true });
        await channel.assertQueue(queue, { exclusive: true, autoDelete: true, durable: false, arguments: { 'x-queue-type': 'classic' } });
        await channel.bindQueue(queue, exchange, '');
      } finally {
        await channel.close().catch(() => {});
      }
      // Announcements made while the connection was down went to a queue that is gone: read the record again.
      if (connected) void this.#then(() => this.#reload());
      connected = true;
    });
    await this.broker.subscribe({
      queue, prefetch: 10, concurrency: 1, logger: this.logger,
      handle: async (delivery) => {
        delivery.ack();
        await this.#announced(delivery);
      },
    });
    await this.#then(() => this.#reload());
  }

  /** Whether `queue` is paused for the whole system, as this process knows it now. */
  isPaused(queue: string): boolean {
    return this.#paused.has(queue);
  }

  /** Records the pause (or its end) for every process, applies it here and announces it. */
  async set(queue: string, paused: boolean): Promise<void> {
    const db = this.db();
    if (db) {
      if (paused) await db.insertInto('paused_mailboxes').values({ queue }).onConflict((c) => c.column('queue').doNothing()).execute();
      else await db.deleteFrom('paused_mailboxes').where('queue', '=', queue).execute();
    }
    await this.#then(() => this.#apply(queue, paused));
    await this.#announce({ queue, paused });
  }

  /** A mailbox subscribed after the record was read: given the state known now (a change during its subscribe included). */
  async applyTo(handle: MailboxHandle): Promise<void> {
    const paused = this.#paused.has(handle.queue);
    if (paused !== handle.subscription.paused) await (paused ? handle.subscription.pause() : handle.subscription.resume());
  }

  #then(step: () => Promise<void>): Promise<void> {
    const next = this.#work.then(step);
    this.#work = next.catch((error: unknown) => this.logger.error({ err: error }, 'shared pause could not be applied'));
    return next;
  }

  async #announced(delivery: Delivery): Promise<void> {
    const { content, properties } = delivery.raw;
    if (properties.type !== announcementType || !this.signer.verify(content, properties).ok) {
      this.logger.warn({ code: 'SEC-004', messageId: properties.messageId }, 'unsigned or forged pause announcement dropped');
      return;
    }
    let announced: Announcement;
    try {
      announced = JSON.parse(content.toString()) as Announcement;
    } catch {
      return;
    }
    if (typeof announced.queue !== 'string' || typeof announced.paused !== 'boolean') return;
    await this.#then(() => (this.db() ? this.#reload() : this.#apply(announced.queue, announced.paused)));
  }

  /** The whole record again: what it lists is paused, every other mailbox runs. */
  async #reload(): Promise<void> {
    const db = this.db();
    if (!db) return;
    const rows = await db.selectFrom('paused_mailboxes').select('queue').execute();
    const now = new Set(rows.map((r) => r.queue));
    for (const queue of new Set([...this.#paused, ...now])) await this.#apply(queue, now.has(queue));
  }

  async #apply(queue: string, paused: boolean): Promise<void> {
    if (paused) this.#paused.add(queue);
    else this.#paused.delete(queue);
    for (const handle of this.mailboxes) if (handle.queue === queue) await this.applyTo(handle);
  }

  async #announce(announcement: Announcement): Promise<void> {
    const content = Buffer.from(JSON.stringify(announcement));
    const properties = {
      messageId: crypto.randomUUID(), type: announcementType, appId: 'actors.operations', correlationId: announcement.queue,
      contentType: 'application/json', headers: {} as Record<string, unknown>,
    };
    properties.headers[headers.signature] = this.signer.sign(content, properties);
    await this.broker.withChannel(async (channel) => {
      channel.publish(this.names.operations(), '', content, properties);
    });
  }
}
