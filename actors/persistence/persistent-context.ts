import type { Kysely } from 'kysely';
import { createHandlerContext, type ContextOrigin, type HandlerContext } from '../actor/handler-context.ts';
import type { Clock } from '../clock/clock.ts';
import type { AnyCatalogue, MessageCatalogue } from '../envelope/message-catalogue.ts';
import type { Logger } from '../logging/logger.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import type { RuntimeTables } from './runtime-tables.ts';
import type { StepTelemetry } from '../telemetry/runtime-metrics.ts';

/**
 * A handler's context when its actor keeps state: everything it does commits together
 * (rule 5). `DB` is the actor's tables (`defineActor<Tables>`), `M` its landscape's messages.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped by default, for the runtime's own parts
export interface PersistentContext<DB = any, M extends MessageCatalogue = AnyCatalogue> extends HandlerContext<M> {
  /** The service's own tables (its schema), in the handler's transaction. */
  readonly db: Kysely<DB>;
  /** The runtime's tables in the same transaction; for runtime parts such as the orchestrator host. */
  readonly runtimeDb: Kysely<RuntimeTables>;
  /** Whether an orchestrator step may read XState's scheduler (`fast-paths/xstate.ts`); for the orchestrator host. */
  readonly xstateFastPath: boolean;
  /** Told of each step the orchestrator host saves (metrics); for the orchestrator host. */
  readonly steps?: StepTelemetry;
  /**
   * Runs `callback` once the handler's transaction committed, never if it rolled back (a
   * batch that fails is redone message by message: only the committed attempt's run).
   * For what must not be seen twice or kept from a transaction that did not happen: the
   * orchestrator host's step reports and its cache of live machines. Absent where no
   * executor commits the context (then act as if committed at once).
   */
  readonly afterCommit?: (callback: () => void) => void;
  /**
   * One object per actor per actor system (its executor's), the same in all its contexts:
   * the key under which a runtime part keeps memory that must not be shared with another
   * system running the same definition (another database, or a replica in the same
   * process), e.g. the orchestrator host's live actors. Absent with `afterCommit`.
   */
  readonly executorScope?: object;
}

export function isPersistent(context: HandlerContext): context is PersistentContext {
  return 'runtimeDb' in context;
}

/** The schemas a persistent context writes to, both in the same transaction. */
export interface ContextSchemas {
  runtime: string;
  service: string;
}

/** A transaction's two views, made once per transaction and shared by its handlers' contexts. */
export interface TransactionTables {
  /** The service's own schema. */
  db: Kysely<any>;
  /** The runtime's schema. */
  runtimeDb: Kysely<RuntimeTables>;
}

/** `trx` scoped to each schema: made once per transaction (each `withSchema` builds a Kysely and a plugin). */
export function transactionTables(trx: Kysely<any>, schemas: ContextSchemas): TransactionTables {
  return { db: trx.withSchema(schemas.service), runtimeDb: trx.withSchema(schemas.runtime) };
}

/** What the executor committing a context gives it (made once per transaction, shared by its contexts). */
export type ExecutorHooks = Required<Pick<PersistentContext, 'afterCommit' | 'executorScope'>>;

/**
 * A handler context on a transaction's `tables`: the service's and the runtime's, so the
 * state change and the messages it emits commit together. What it emits is collected in `outgoing`.
 */
export function createPersistentContext<DB = any, M extends MessageCatalogue = AnyCatalogue>(tables: TransactionTables, origin: ContextOrigin, clock: Clock, logger: Logger, xstateFastPath = true, steps?: StepTelemetry, executor?: ExecutorHooks): { context: PersistentContext<DB, M>; outgoing: AddressedMessage[] } {
  const { context, outgoing } = createHandlerContext<M>(origin, clock, logger);
  return { context: Object.assign(context, { db: tables.db, runtimeDb: tables.runtimeDb, xstateFastPath, ...(steps ? { steps } : {}), ...executor }), outgoing };
}
