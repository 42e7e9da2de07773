import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { after, type Clock, type TimerId } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import { deliver } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { fromRow, markDispatched } from './outbox.ts';
import { attemptPublish, recordPublishFailure, type PublishRetry } from './publish-retry.ts';
import type { RuntimeTables } from './runtime-tables.ts';
import { anyOf } from './any-of.ts';

export interface SweeperOptions {
  /** Pause between sweeps, ms. */
  interval?: number;
  /** Rows younger than this are left to the dispatch that follows their commit, ms. */
  minAge?: number;
  /** Rows per sweep. */
  batch?: number;
}

/**
 * Publishes outbox rows a crash left behind (rule 5). Rows are locked with `FOR UPDATE
 * SKIP LOCKED`, so several processes sweep side by side without publishing a row twice
 * at the same time; ids are the stored ones, so a receiver's inbox drops any duplicate.
 */
export class OutboxSweeper {
  #timer: TimerId | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly db: Kysely<RuntimeTables>,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly options: SweeperOptions = {},
    /** The bounded publish schedule of an actor (by name), if it has one (`publishRetry`). */
    private readonly retryOf: (actor: string) => PublishRetry | undefined = () => undefined,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.clock.clearTimeout(this.#timer);
    await this.#running.catch(() => {});
  }

  /** One sweep; returns how many rows it published. */
  async sweepOnce(): Promise<number> {
    const minAge = this.options.minAge ?? 2_000;
    return this.db.transaction().execute(async (trx) => {
      // The pending rows are locked, not the outbox rows: the dispatch after a commit
      // deletes pending rows, and only those two may meet. Each pending row stands
      // for a transaction's messages (`ids`, in the order stored; 0007), or for the one
      // message whose id it has (written before).
      // A row of an actor with a bounded schedule that failed before waits for its next
      // attempt's time (the clock's); a parked one waits for a person.
      const pending = await trx.selectFrom('outbox_pending as p')
        .select(['p.id', 'p.ids'])
        .where('p.parked_at', 'is', null)
        .where((eb) => eb.or([
          eb.and([eb('p.next_attempt_at', 'is', null), eb('p.created_at', '<', sql<Date>`now() - make_interval(secs => ${minAge / 1000})`)]),
          eb('p.next_attempt_at', '<=', new Date(this.clock.now())),
        ]))
        .orderBy('p.created_at')
        .limit(this.options.batch ?? 200)
        .forUpdate()
        .skipLocked()
        .execute();
      if (pending.length === 0) return 0;
      const ids = pending.flatMap((p) => p.ids ?? [p.id]);
      const stored = await trx.selectFrom('outbox as o')
        .select(['o.id', 'o.actor', 'o.route', 'o.landscape', 'o.target', 'o.due_at', 'o.message'])
        .where(anyOf('o.id', ids))
        .execute();
      // In the order stored: the messages of one transaction leave as they did after commit.
      const byId = new Map(stored.map((row) => [row.id, row]));
      const groups = pending.map((p) => {
        const rows = (p.ids ?? [p.id]).flatMap((id) => byId.get(id) ?? []);
        return { id: p.id, rows, retry: rows[0] ? this.retryOf(rows[0].actor) : undefined };
      });
      // Without a schedule: sent again until it works (a failure rolls the sweep back).
      const plain = groups.filter((g) => !g.retry);
      const sent = Promise.all(plain.flatMap((g) => g.rows.map((row) => deliver(this.bus, fromRow(row)))));
      // With one: each transaction's messages are one attempt, whose failure is recorded.
      const attempts = Promise.all(groups.filter((g) => g.retry).map(async (g) => ({ g, failure: await attemptPublish(this.bus, g.rows.map(fromRow), this.clock, g.retry!) })));
      await sent;
      const attempted = await attempts;
      await markDispatched(trx, [...plain, ...attempted.filter((a) => a.failure === undefined).map((a) => a.g)].map((g) => g.id));
      for (const { g, failure } of attempted) if (failure !== undefined) await recordPublishFailure(trx, [g.id], failure, this.clock, g.retry!, this.logger);
      const published = [...plain, ...attempted.filter((a) => a.failure === undefined).map((a) => a.g)].reduce((n, g) => n + g.rows.length, 0);
      if (published > 0) this.logger.info({ count: published, code: 'OUTBOX-001' }, 'sweeper published messages left behind');
      return published;
    });
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = after(this.clock, this.options.interval ?? 1_000, () => {
      this.#running = this.sweepOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox sweep failed; trying again'))
        .finally(() => this.#schedule());
    });
  }
}
