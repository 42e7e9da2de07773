import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { actorName, schemaOf, type ActorDefinition } from '../actor/actor-definition.ts';
import type { Executor } from '../actor/executor.ts';
import { every, unref, type Clock, type TimerId } from '../clock/clock.ts';
import type { MessageOptions } from '../envelope/envelope.ts';
import { newMessageId } from '../envelope/message-id.ts';
import type { Logger } from '../logging/logger.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import type { TopologyNames } from '../topology/names.ts';
import { xstateFastPath } from '../fast-paths/xstate.ts';
import { openDatabase, schemaName, type Database } from './database.ts';
import { dispatchAfterCommit } from './dispatch-after-commit.ts';
import { migrate, readMigrations, type AppliedMigration } from './migrations.ts';
import { OutboxSweeper, type SweeperOptions } from './outbox-sweeper.ts';
import { issueOutboxInsert } from './outbox.ts';
import type { MessageCatalogue } from '../envelope/message-catalogue.ts';
import { createPersistentContext, transactionTables, type PersistentContext } from './persistent-context.ts';
import { listPublications, retryParked, type Publication, type PublicationStatus } from './publish-retry.ts';
import { cleanUp } from './retention.ts';
import type { RuntimeTables } from './runtime-tables.ts';
import { transactionalExecutor } from './transactional-executor.ts';
import type { StepTelemetry } from '../telemetry/runtime-metrics.ts';

export interface StateStoreOptions {
  url: string;
  /**
   * The app's folders of `<schema>/NNNN_<what>.sql`, where each actor's schema finds its
   * migrations (none without). The runtime's own (`actors/sql/`) are always applied.
   */
  migrations?: string | readonly string[];
  /** How long inbox, outbox (once no longer pending) and flow rows are kept, ms. Default 7 days. */
  retention?: number;
  sweeper?: SweeperOptions;
  poolSize?: number;
}

/** The flow a REST controller's transaction belongs to (the browser request). */
export type RequestFlow = Pick<MessageOptions, 'correlationId' | 'sessionId' | 'requestId' | 'metadata'>;

/** Applies the runtime's migrations, then those of each actor's schema from the app's `roots`. */
export async function migrateActors(database: Database, actors: readonly ActorDefinition[], roots: string | readonly string[] = [], namespace = ''): Promise<AppliedMigration[]> {
  const runtime = await readMigrations(runtimeMigrations, ['actors']);
  const services = await readMigrations(roots, [...new Set(actors.map(schemaOf))].filter((schema) => schema !== 'actors'));
  return migrate(database.sql, [...runtime, ...services], namespace);
}

/** The runtime's own migrations (schema `actors`), shipped in the runtime's folder: `actors/sql/`. */
export const runtimeMigrations = fileURLToPath(new URL('../sql/', import.meta.url));
const hour = 3_600_000;

/**
 * The actors' Postgres side: schemas and migrations, the transactional executor of each
 * actor, the outbox sweeper and the retention clean-up.
 */
export class StateStore {
  readonly runtimeSchema: string;
  readonly runtimeDb: Kysely<RuntimeTables>;
  readonly #sweeper: OutboxSweeper;
  #retentionTimer: TimerId | undefined;

  private constructor(
    readonly database: Database,
    private readonly names: TopologyNames,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: StateStoreOptions,
    private readonly fastPaths: { xstate: boolean },
    actors: readonly ActorDefinition[],
  ) {
    this.runtimeSchema = schemaName(names.namespace, 'actors');
    this.runtimeDb = database.db.withSchema(this.runtimeSchema);
    const schedules = new Map(actors.flatMap((actor) => (actor.publishRetry ? [[actorName(actor), actor.publishRetry] as const] : [])));
    this.#sweeper = new OutboxSweeper(this.runtimeDb, bus, logger, clock, options.sweeper, (actor) => schedules.get(actor));
  }

  /** `fastPaths` (default on): Kysely's (`fast-paths/kysely.ts`) and XState's (`fast-paths/xstate.ts`). */
  static async open(options: StateStoreOptions, names: TopologyNames, bus: MessageBus, clock: Clock, logger: Logger, fastPaths = true, actors: readonly ActorDefinition[] = []): Promise<StateStore> {
    const database = await openDatabase({ url: options.url, ...(options.poolSize ? { max: options.poolSize } : {}), fastPaths, logger, clock });
    return new StateStore(database, names, bus, clock, logger, options, { xstate: xstateFastPath(fastPaths, logger) }, actors);
  }

  /** Applies the runtime's and the actors' migrations not applied yet. */
  async migrate(actors: readonly ActorDefinition[]): Promise<AppliedMigration[]> {
    const applied = await migrateActors(this.database, actors, this.options.migrations, this.names.namespace);
    for (const m of applied) this.logger.info({ schema: m.schema, migration: m.name }, 'migration applied');
    return applied;
  }

  serviceSchema(actor: ActorDefinition): string {
    return schemaName(this.names.namespace, schemaOf(actor));
  }

  /** `steps` is told of each orchestrator step saved (the transitions metric). */
  executor(actor: ActorDefinition, allowForcedErrors: boolean, steps?: StepTelemetry): Executor {
    return transactionalExecutor({
      actor, bus: this.bus, clock: this.clock, logger: this.logger, allowForcedErrors, database: this.database,
      runtimeSchema: this.runtimeSchema, serviceSchema: this.serviceSchema(actor), xstateFastPath: this.fastPaths.xstate,
      ...(steps ? { steps } : {}),
    });
  }

  /**
   * A REST controller's way in (rule 1): change the service's state and emit messages in
   * one transaction; resolves once committed, and the messages are published from there.
   */
  async transaction<T, Tables, M extends MessageCatalogue>(actor: ActorDefinition<Tables, M>, flow: RequestFlow, work: (context: PersistentContext<Tables, M>) => Promise<T>): Promise<T> {
    const name = actorName(actor);
    const origin = { actor: name, landscape: actor.landscape, ownQueue: this.names.mailbox(actor.landscape, actor.service), flow: { correlationId: newMessageId(), ...flow } };
    const schemas = { runtime: this.runtimeSchema, service: this.serviceSchema(actor) };
    const { result, emitted, pendingIds } = await this.database.transaction(async (trx, deferral) => {
      const { context, outgoing } = createPersistentContext<Tables, M>(transactionTables(trx, schemas), origin, this.clock, this.logger, this.fastPaths.xstate);
      const result = await work(context);
      // The last statement: the commit follows it in the same round trip (see Deferral).
      const { pendingIds, stored } = issueOutboxInsert(context.runtimeDb, name, outgoing);
      deferral.defer(stored);
      return { result, emitted: outgoing, pendingIds };
    });
    // Not awaited: once committed the messages are safe in the outbox, and the request needs
    // neither the broker's confirms nor the pending row's delete (if the publish fails, the
    // sweeper sends them; dispatchAfterCommit never rejects). Publishing starts in this turn,
    // so a client's next request still publishes after this one.
    void dispatchAfterCommit(this.bus, this.runtimeDb, emitted, pendingIds, this.logger, this.clock, undefined, actor.publishRetry);
    return result;
  }

  /** `actor`'s outbox messages with `status`, newest first (an operations view of a `publishRetry` schedule). */
  publications(actor: ActorDefinition, status: PublicationStatus, limit: number): Promise<Publication[]> {
    return listPublications(this.runtimeDb, actorName(actor), status, limit);
  }

  /** A person's retry of a parked message of `actor` (and the rest of its transaction's): due now, the whole schedule again. */
  retryPublication(actor: ActorDefinition, messageId: string): Promise<Publication> {
    return retryParked(this.runtimeDb, actorName(actor), messageId, this.clock.now());
  }

  /** Starts the sweeper and an hourly retention clean-up. */
  start(): void {
    this.#sweeper.start();
    const retention = this.options.retention ?? 7 * 24 * hour;
    this.#retentionTimer = every(this.clock, Math.min(hour, retention), () => {
      cleanUp(this.runtimeDb, retention, this.clock.now())
        .then((deleted) => this.logger.info({ deleted }, 'retention clean-up'))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'retention clean-up failed'));
    });
    unref(this.#retentionTimer);
  }

  async close(): Promise<void> {
    this.clock.clearInterval(this.#retentionTimer);
    await this.#sweeper.stop();
    await this.database.close();
  }

  get sweeper(): OutboxSweeper {
    return this.#sweeper;
  }
}
