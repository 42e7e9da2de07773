import type { Kysely } from 'kysely';
import { actorName, type ActorDefinition } from '../actor/actor-definition.ts';
import { needsPreparing, prepareAll, type Executor, type Work, type WorkOutcome } from '../actor/executor.ts';
import { forcedError } from '../actor/forced-error.ts';
import type { Clock } from '../clock/clock.ts';
import { toError } from '../errors/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import type { Database } from './database.ts';
import { receiveOnce } from './inbox.ts';
import { dispatchAfterCommit } from './dispatch-after-commit.ts';
import { issueOutboxInsert } from './outbox.ts';
import { createPersistentContext, transactionTables, type ExecutorHooks } from './persistent-context.ts';
import type { RuntimeTables } from './runtime-tables.ts';
import { originOf } from '../actor/handler-context.ts';
import { withSpan } from '../telemetry/message-spans.ts';
import type { StepTelemetry } from '../telemetry/runtime-metrics.ts';

/** What a batch's transaction(s) left to do after commit. */
interface Committed {
  outcomes: WorkOutcome[];
  emitted: AddressedMessage[];
  /** The outbox's pending rows of the transaction(s), deleted once the broker confirmed. */
  pendingIds: string[];
  /** What the handlers asked to run once committed (`PersistentContext.afterCommit`). */
  onCommit: Array<() => void>;
}

export interface TransactionalExecutorOptions {
  actor: ActorDefinition;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  allowForcedErrors: boolean;
  /** Its `db` for statements outside the transaction, its pipelined `transaction` for the batch's. */
  database: Pick<Database, 'db' | 'transaction'>;
  /** The runtime's schema (inbox, outbox, flow). */
  runtimeSchema: string;
  /** The actor's own schema. */
  serviceSchema: string;
  /** See `PersistentContext.xstateFastPath`; default true. */
  xstateFastPath?: boolean;
  /** Told of each orchestrator step saved (the transitions metric). */
  steps?: StepTelemetry;
}

/**
 * Exactly-once effects (rule 5): in one transaction the inbox rows, the handlers' state
 * changes, the outbox rows and the flow records; after commit the outbox is published
 * with confirms and marked dispatched. A message already in the inbox is not handled
 * again, and what it emitted the first time is not published again: the outbox's pending
 * rows already see to that (the dispatch after commit, else the sweeper) until the broker
 * confirmed it. Re-sending it on every duplicate did more than waste work: each copy is a
 * duplicate downstream, which re-sent its own emissions in turn, so one redelivery copied
 * the whole tree of messages it caused; and an alarm clock that sets the next one (the
 * open-bank heartbeat's ticks, a process manager's retry alarms) forked into a second
 * chain that never ended, re-sending every later tick's events too. In the chaos run
 * (10 % of deliveries handled twice) the heartbeat's 2,680 events reached the generator's
 * mailbox about 40 times each, and the bounded cook mailboxes filled with copies.
 */
export function transactionalExecutor(options: TransactionalExecutorOptions): Executor {
  const { actor, bus, clock, logger, database } = options;
  const name = actorName(actor);
  const runtimeDb: Kysely<RuntimeTables> = database.db.withSchema(options.runtimeSchema);

  const schemas = { runtime: options.runtimeSchema, service: options.serviceSchema };
  // This executor's contexts' `executorScope`: what a runtime part keeps per actor and system.
  const scope = {};
  const commit = (batch: readonly Work[]) => database.transaction(async (trx, deferral) => {
    const tables = transactionTables(trx, schemas);
    const runtime = tables.runtimeDb;
    // The inbox rows are the handled messages' flow records too: a message not fresh is not
    // handled, and if a handler fails the rollback takes its row with it.
    const fresh = await receiveOnce(runtime, name, batch.map((work) => work.message));
    const emitted: AddressedMessage[] = [];
    const onCommit: Array<() => void> = [];
    const hooks: ExecutorHooks = { afterCommit: (callback) => { onCommit.push(callback); }, executorScope: scope };
    const works = firstCopies(batch).filter((work) => fresh.isFresh(work.message.id));
    for (let start = 0; start < works.length;) {
      // Consecutive works sharing a batch handler (`onBatch`) run in one call; any other alone.
      const first = works[start]!;
      let end = start + 1;
      if (first.handleBatch) while (end < works.length && works[end]!.handleBatch === first.handleBatch) end += 1;
      const group = works.slice(start, end).map((work) => {
        const forced = options.allowForcedErrors ? forcedError(work.message, name) : undefined;
        if (forced) throw forced;
        const { context, outgoing } = createPersistentContext(tables, originOf(work, name, actor.landscape), clock, logger, options.xstateFastPath, options.steps, hooks);
        return { message: work.message, context, outgoing };
      });
      if (first.handleBatch) await first.handleBatch(group);
      else await withSpan(first.span, () => first.handle(first.message, group[0]!.context));
      for (const { outgoing } of group) emitted.push(...outgoing);
      start = end;
    }
    // The transaction's last statement: the commit follows it in the same round trip.
    const { pendingIds, stored } = issueOutboxInsert(runtime, name, emitted);
    deferral.defer(stored);
    return { emitted, pendingIds, onCommit };
  });

  /** Commits the batch; if one message spoils it, each on its own so only that one fails. */
  const commitAll = async (batch: readonly Work[]): Promise<Committed> => {
    try {
      return { outcomes: batch.map((): WorkOutcome => ({ ok: true })), ...await commit(batch) };
    } catch (error) {
      if (batch.length === 1) return { outcomes: [{ ok: false, error: toError(error) }], ...nothingCommitted() };
      const all: Committed = { outcomes: [], ...nothingCommitted() };
      for (const work of batch) {
        const one = await commitAll([work]);
        all.outcomes.push(...one.outcomes);
        all.emitted.push(...one.emitted);
        all.pendingIds.push(...one.pendingIds);
        all.onCommit.push(...one.onCommit);
      }
      return all;
    }
  };

  const execute: Executor = async (batch, committed) => {
    // Each `prepare` runs first, before the transaction: no pooled connection waits on it.
    const prepared = needsPreparing(batch) ? await prepareAll(batch, { actor: name, clock, logger }) : undefined;
    const ready = prepared?.ready ?? batch;
    const done = ready.length > 0 ? await commitAll(ready) : { outcomes: [], ...nothingCommitted() };
    const { emitted, pendingIds } = done;
    runCommitted(done.onCommit, logger);
    const outcomes = prepared ? prepared.outcomes(done.outcomes) : done.outcomes;
    // Publishing starts synchronously, so this batch's messages go out before the next
    // batch (released just below) can publish anything; then the confirms are awaited.
    const dispatched = dispatchAfterCommit(bus, runtimeDb, emitted, pendingIds, logger, clock, undefined, actor.publishRetry);
    committed?.();
    await dispatched;
    return outcomes;
  };

  return execute;
}

/**
 * Each message of the batch once. A message twice in one batch (published again by the
 * outbox sweeper while its first publish was still on its way: after a Postgres restart)
 * finds no inbox row of its own, so both copies count as fresh: only the first is handled,
 * the other is acked with it.
 */
function firstCopies(batch: readonly Work[]): Work[] {
  const seen = new Set<string>();
  const first: Work[] = [];
  for (const work of batch) {
    if (seen.has(work.message.id)) continue;
    seen.add(work.message.id);
    first.push(work);
  }
  return first;
}

function nothingCommitted(): Omit<Committed, 'outcomes'> {
  return { emitted: [], pendingIds: [], onCommit: [] };
}

/** The committed transactions' callbacks: one that throws is logged, and the others still run. */
function runCommitted(callbacks: ReadonlyArray<() => void>, logger: Logger): void {
  for (const callback of callbacks) {
    try {
      callback();
    } catch (error) {
      logger.error({ err: error }, 'a callback after commit failed');
    }
  }
}
