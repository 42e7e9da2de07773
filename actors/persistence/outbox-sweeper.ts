import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from '../logging/logger.ts';
import { deliver } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { fromRow, pendingDone } from './outbox.ts';
import type { RuntimeTables } from './runtime-tables.ts';

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
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly db: Kysely<RuntimeTables>,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly options: SweeperOptions = {},
  ) {}

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running.catch(() => {});
  }

  /** One sweep; returns how many rows it published. */
  async sweepOnce(): Promise<number> {
    const minAge = this.options.minAge ?? 2_000;
    return this.db.transaction().execute(async (trx) => {
      // The pending rows are locked (`of p`), not the outbox rows: the dispatch after a
      // commit deletes pending rows, and only those two may meet.
      const rows = await trx.selectFrom('outbox_pending as p').innerJoin('outbox as o', 'o.id', 'p.id')
        .select(['o.id', 'o.route', 'o.landscape', 'o.target', 'o.due_at', 'o.message'])
        .where('p.created_at', '<', sql<Date>`now() - make_interval(secs => ${minAge / 1000})`)
        .orderBy('p.created_at')
        .limit(this.options.batch ?? 200)
        .forUpdate('p')
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => deliver(this.bus, fromRow(row))));
      await pendingDone(trx, rows.map((r) => r.id));
      this.logger.info({ count: rows.length, code: 'OUTBOX-001' }, 'sweeper published messages left behind');
      return rows.length;
    });
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.sweepOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'outbox sweep failed; trying again'))
        .finally(() => this.#schedule());
    }, this.options.interval ?? 1_000);
  }
}
