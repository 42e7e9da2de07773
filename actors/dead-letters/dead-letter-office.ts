import { Buffer } from 'node:buffer';
import type { Message } from 'amqplib';
import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../actor/actor-definition.ts';
import type { Broker } from '../broker/broker.ts';
import type { Subscription } from '../broker/subscription.ts';
import type { Clock } from '../clock/clock.ts';
import { ConflictError, NotFoundError, UnroutableError } from '../errors/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { RuntimeTables } from '../persistence/runtime-tables.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import type { TopologyNames } from '../topology/names.ts';
import {
  toDeadLetter, type DeadLetter, type DeadLetterDetail, type DeadLetterStatus, type DeadLetterTables,
} from './dead-letter-table.ts';
import { consumeParkedQueue } from './parked-queue-consumer.ts';
import { readParkedDelivery } from './parked-delivery.ts';
import { redeliveryProperties } from './redelivery.ts';

export interface DeadLetterFilter {
  /** The mailbox (or partition) the messages failed in. */
  queue?: string;
  type?: string;
  /** Default `parked`: what still waits for a person. */
  status?: DeadLetterStatus;
  /** Newest first, at most this many; default 100. */
  limit?: number;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dead-letter office (rule 6): consumes every mailbox's parked queue into
 * `actors.dead_letters`, where a person lists them, retries one (back into the queue it
 * failed in, once) or discards it. Retried and discarded ones are kept, with who and when,
 * until the retention clean-up.
 */
export class DeadLetterOffice {
  constructor(
    private readonly db: Kysely<RuntimeTables>,
    private readonly broker: Broker,
    private readonly bus: MessageBus,
    private readonly names: TopologyNames,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Starts recording the parked queue of `actor`'s mailbox (one subscription per actor). */
  consume(actor: ActorDefinition): Promise<Subscription> {
    const parkedQueue = this.names.parked(this.names.mailbox(actor.landscape, actor.service));
    return consumeParkedQueue(this.broker, parkedQueue, this.logger, this.clock, (raw) => this.record(raw, parkedQueue, actor));
  }

  /** Records one parked delivery; false when it was recorded before (a redelivery). */
  async record(raw: Message, parkedQueue: string, actor: { landscape: string; service: string }): Promise<boolean> {
    const row = await readParkedDelivery(raw, parkedQueue, actor, this.clock.now());
    const inserted = await this.db.insertInto('dead_letters').values(row)
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Dead letters, newest first; by default those still parked. */
  async list(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    let query = this.db.selectFrom('dead_letters').selectAll().where('status', '=', filter.status ?? 'parked');
    const { queue, type } = filter;
    // A partitioned mailbox parks into one queue for all its partitions: its name finds them all.
    if (queue) query = query.where((eb) => eb.or([eb('queue', '=', queue), eb('parked_queue', '=', this.names.parked(queue))]));
    if (type) query = query.where('type', '=', type);
    const rows = await query.orderBy('parked_at', 'desc').orderBy('recorded_at', 'desc').limit(filter.limit ?? 100).execute();
    return rows.map(toDeadLetter);
  }

  /** One dead letter with its stack and AMQP properties. */
  async get(id: string): Promise<DeadLetterDetail> {
    const row = uuid.test(id) ? await this.db.selectFrom('dead_letters').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError(`no dead letter ${id}`);
    const view = toDeadLetter(row);
    return { ...view, error: { ...view.error, stack: row.error_stack }, parkedQueue: row.parked_queue, properties: row.properties };
  }

  /**
   * Publishes the message again, body and ids unchanged (so its signature still holds) and
   * attempt 1, into the queue it failed in: once. The row is marked retried first, only if
   * it is still parked, so two retries at once cannot both publish; a failed publish puts
   * it back to parked. Not parked → `ConflictError`; unknown → `NotFoundError`.
   */
  async retry(id: string, by: string): Promise<DeadLetter> {
    const claimed = await this.#resolve(id, 'retried', by);
    try {
      const properties = redeliveryProperties(claimed.properties, claimed.id);
      if (await this.#queueExists(claimed.queue)) await this.bus.redeliver(claimed.queue, Buffer.from(claimed.body), properties);
      else if (properties.messageId) await this.bus.redeliverToMailboxOf(claimed.queue, Buffer.from(claimed.body), properties);
      else throw new UnroutableError(`queue ${claimed.queue} does not exist any more`);
    } catch (error) {
      await this.db.updateTable('dead_letters').set({ status: 'parked', resolved_at: null, resolved_by: null })
        .where('id', '=', claimed.id).where('status', '=', 'retried').execute();
      this.logger.error({ err: error, deadLetter: id, queue: claimed.queue, by }, 'dead letter could not be retried; still parked');
      throw error;
    }
    this.logger.info({ deadLetter: id, messageId: claimed.message_id, queue: claimed.queue, by }, 'dead letter retried');
    return toDeadLetter(claimed);
  }

  /** Marks it discarded (kept as a record until the retention clean-up). */
  async discard(id: string, by: string): Promise<DeadLetter> {
    const discarded = await this.#resolve(id, 'discarded', by);
    this.logger.info({ deadLetter: id, messageId: discarded.message_id, queue: discarded.queue, by }, 'dead letter discarded');
    return toDeadLetter(discarded);
  }

  async #resolve(id: string, status: Exclude<DeadLetterStatus, 'parked'>, by: string) {
    if (!uuid.test(id)) throw new NotFoundError(`no dead letter ${id}`);
    const row = await this.db.updateTable('dead_letters')
      .set({ status, resolved_at: new Date(this.clock.now()), resolved_by: by })
      .where('id', '=', id).where('status', '=', 'parked')
      .returningAll().executeTakeFirst();
    if (row) return row;
    const existing = await this.db.selectFrom('dead_letters').select(['status', 'resolved_by']).where('id', '=', id).executeTakeFirst();
    if (!existing) throw new NotFoundError(`no dead letter ${id}`);
    throw new ConflictError(`dead letter ${id} was ${existing.status} already${existing.resolved_by ? ` by ${existing.resolved_by}` : ''}`);
  }

  /**
   * Checked first for every retry: mandatory publishes are matched to the broker's return
   * by message id, and a body without one (a malformed message) would not be. A queue a
   * layout change retired is reached through the mailbox's entry instead (the message's
   * partition key picks the partition), when the message has an id to match a return by.
   */
  #queueExists(queue: string): Promise<boolean> {
    return this.broker.withChannel((channel) => channel.checkQueue(queue)).then(() => true, () => false);
  }
}
