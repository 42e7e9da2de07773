import type { Kysely } from 'kysely';
import { actorName, type ActorDefinition } from '../actor/actor-definition.ts';
import type { Executor, Work, WorkOutcome } from '../actor/executor.ts';
import { forcedError } from '../actor/forced-error.ts';
import { createHandlerContext } from '../actor/handler-context.ts';
import type { Clock } from '../clock/clock.ts';
import type { Envelope } from '../envelope/envelope.ts';
import { toError } from '../errors/errors.ts';
import type { Logger } from '../logging/logger.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { recordFlow } from './flow-log.ts';
import { receiveOnce } from './inbox.ts';
import { dispatchAfterCommit } from './dispatch-after-commit.ts';
import { emittedBy, storeInOutbox } from './outbox.ts';
import type { PersistentContext } from './persistent-context.ts';
import type { RuntimeTables } from './runtime-tables.ts';

export interface TransactionalExecutorOptions {
  actor: ActorDefinition;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  allowForcedErrors: boolean;
  db: Kysely<any>;
  /** The runtime's schema (inbox, outbox, flow). */
  runtimeSchema: string;
  /** The actor's own schema. */
  serviceSchema: string;
}

/**
 * Exactly-once effects (rule 5): in one transaction the inbox rows, the handlers' state
 * changes, the outbox rows and the flow records; after commit the outbox is published
 * with confirms and marked dispatched. A message already in the inbox is not handled
 * again: what it emitted the first time is published again, same ids.
 */
export function transactionalExecutor(options: TransactionalExecutorOptions): Executor {
  const { actor, bus, clock, logger, db } = options;
  const name = actorName(actor);
  const runtimeDb = db.withSchema(options.runtimeSchema) as Kysely<RuntimeTables>;

  const commit = (batch: readonly Work[]) => db.transaction().execute(async (trx) => {
    const runtime = trx.withSchema(options.runtimeSchema) as unknown as Kysely<RuntimeTables>;
    const service = trx.withSchema(options.serviceSchema);
    const fresh = await receiveOnce(runtime, name, batch.map((work) => work.message.id));
    const emitted: AddressedMessage[] = [];
    const handled: Envelope[] = [];
    for (const work of batch) {
      if (!fresh.has(work.message.id)) continue;
      const { context, outgoing } = createHandlerContext(
        { actor: name, landscape: actor.landscape, ownQueue: work.delivery.queue, causedBy: work.message }, clock, logger);
      const persistent: PersistentContext = Object.assign(context, { db: service, runtimeDb: runtime });
      const forced = options.allowForcedErrors ? forcedError(work.message, name) : undefined;
      if (forced) throw forced;
      await work.handle(work.message, persistent);
      emitted.push(...outgoing);
      handled.push(work.message);
    }
    await storeInOutbox(runtime, name, emitted);
    await recordFlow(runtime, name, handled, emitted.map((m) => m.message));
    const duplicates = batch.map((work) => work.message.id).filter((id) => !fresh.has(id));
    return { emitted, duplicates };
  });

  const execute: Executor = async (batch) => {
    let committed: Awaited<ReturnType<typeof commit>>;
    try {
      committed = await commit(batch);
    } catch (error) {
      // One message spoiled the batch: run each on its own so only that one fails.
      if (batch.length > 1) return runSingly(batch);
      return [{ ok: false, error: toError(error) }];
    }
    const replayed = await emittedBy(runtimeDb, name, committed.duplicates);
    await dispatchAfterCommit(bus, runtimeDb, [...committed.emitted, ...replayed], logger);
    return batch.map((): WorkOutcome => ({ ok: true }));
  };

  const runSingly = async (batch: readonly Work[]): Promise<WorkOutcome[]> => {
    const outcomes: WorkOutcome[] = [];
    for (const work of batch) outcomes.push(...(await execute([work])));
    return outcomes;
  };

  return execute;
}
