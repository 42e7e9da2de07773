import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../actor/actor-definition.ts';
import { actorName } from '../actor/actor-definition.ts';
import { directExecutor } from '../actor/direct-executor.ts';
import { createHandlerContext } from '../actor/handler-context.ts';
import { mailboxPlan } from '../actor/mailbox-plan.ts';
import { createMailboxWorker } from '../actor/mailbox-worker.ts';
import type { Broker } from '../broker/broker.ts';
import { managementApi, managementUrlFor, vhostOf } from '../broker/management-api.ts';
import type { Subscription } from '../broker/subscription.ts';
import { type Clock, every, systemClock, unref, type TimerId } from '../clock/clock.ts';
import { withChaos, type ChaosCounts, type ChaosOptions } from '../chaos/delivery-chaos.ts';
import { DeadLetterOffice } from '../dead-letters/dead-letter-office.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { deliver } from '../messaging/addressed-message.ts';
import { MessageBus } from '../messaging/message-bus.ts';
import type { MessageCatalogue } from '../envelope/message-catalogue.ts';
import type { PersistentContext } from '../persistence/persistent-context.ts';
import type { Publication, PublicationStatus } from '../persistence/publish-retry.ts';
import type { StateStore, RequestFlow, StateStoreOptions } from '../persistence/state-store.ts';
import { signerFromKey } from '../security/signing.ts';
import { RuntimeMetrics } from '../telemetry/runtime-metrics.ts';
import { steadyLayout } from '../topology/mailbox-layout.ts';
import { topologyNames, type TopologyNames } from '../topology/names.ts';
import { amqpStartupProblem } from './broker-problems.ts';
import { connectBroker } from './connect-broker.ts';
import { drainRetired } from './drain-retired.ts';
import { EdgeEvents } from './edge-events.ts';
import { openStateStore } from './open-state-store.ts';
import { topologyOf } from './prepare-topology.ts';
import { lockTopology, prepareTopologyWaiting, redeclareOnReconnect } from './topology-stage.ts';
import type { Stage } from './stages.ts';
import { StartupError } from './startup-error.ts';
import { StartupProgress, type Waiting } from './startup-progress.ts';
import { SystemOperations, type MailboxHandle } from './operations.ts';
import { SharedPause } from './shared-pause.ts';

export interface ActorSystemOptions {
  actors: readonly ActorDefinition[];
  amqpUrl: string;
  /** Prefix of every broker name, so several systems (tests) share one broker. */
  namespace?: string;
  clock?: Clock;
  logger?: Logger;
  /** Honour `forceError` metadata (common spec: only with ALLOW_FORCED_ERRORS=true). */
  allowForcedErrors?: boolean;
  connectionName?: string;
  onStage?: (stage: Stage) => void;
  /**
   * Postgres for the actors' state (rule 5): with it, every message is handled in one
   * transaction with the inbox and the outbox; without it, handlers run without state.
   */
  database?: StateStoreOptions;
  /**
   * HMAC key for signing and verifying messages (rule 15; `MESSAGE_SIGNING_KEY`). Every
   * process exchanging messages must share it. Without it: a development key and `SEC-003`.
   */
  signingKey?: string;
  /**
   * RabbitMQ's management API, which sets the mailbox policies (`RABBITMQ_MANAGEMENT_URL`);
   * default: the AMQP URL's host and user on port 15672.
   */
  managementUrl?: string;
  /** Priority of the mailbox policies (`MAILBOX_POLICY_PRIORITY`, default 10). */
  mailboxPolicyPriority?: number;
  /** Told whenever what the start waits for changes (RabbitMQ, Postgres, a drain); the health endpoint shows it. */
  onWaiting?: (waiting: Waiting[]) => void;
  /**
   * The fast paths through amqplib's, Kysely's and XState's internals (`fast-paths/`), each
   * checked at start-up and left for the public API when its library changed (`FAST-001..3`).
   * Default true; false takes the public APIs everywhere (e.g. for OpenTelemetry's amqplib
   * instrumentation, which does not see the fast publish path).
   */
  fastPaths?: boolean;
  /**
   * Faults between the broker and the handlers, for chaos tests only (`chaos/delivery-chaos.ts`):
   * a share of deliveries duplicated, a share requeued unhandled. Off by default; logged as
   * `CHAOS-001` at start and `CHAOS-002` (the counts so far) every 2 s while it happens.
   */
  chaos?: ChaosOptions;
}

export type { MailboxHandle } from './operations.ts';

/** The parts a system is made of: for tests that drive the broker, the bus or the store directly (`actors/testing.ts`). */
export interface SystemInternals {
  broker: Broker;
  bus: MessageBus;
  /** Undefined without a database. */
  store: StateStore | undefined;
}

const internals = new WeakMap<ActorSystem, () => SystemInternals>();

/** A running system's internals; not part of the runtime's API (`mod.ts`), only of `actors/testing.ts`. */
export function internalsOf(system: ActorSystem): SystemInternals {
  return internals.get(system)!();
}

/**
 * Runs a set of actors in one process: one broker connection, their topology, one
 * subscription per mailbox (or partition), passing through the start-up stages in order.
 */
export class ActorSystem {
  #stage: Stage = 'created';
  readonly #broker: Broker;
  readonly #bus: MessageBus;
  readonly #mailboxes: MailboxHandle[] = [];
  /** What the chaos option did so far (all zero without it). */
  readonly chaosCounts: ChaosCounts = { deliveries: 0, duplicated: 0, dropped: 0 };
  #chaosReport: TimerId | undefined;
  #store: StateStore | undefined;
  #deadLetters: DeadLetterOffice | undefined;
  readonly #pause: SharedPause;
  /** The port for edge subscribers (a gateway's event streams): see `system/edge-events.ts`. */
  readonly events: EdgeEvents;

  /** What an operator does with the running system: mailboxes, pause, dead letters, flows, instances. */
  readonly operations: SystemOperations;

  /** The runtime's Prometheus metrics (`telemetry/runtime-metrics.ts`); a gateway serves `metrics.registry.render()`. */
  readonly metrics = new RuntimeMetrics();

  private constructor(
    broker: Broker,
    bus: MessageBus,
    readonly names: TopologyNames,
    readonly clock: Clock,
    readonly logger: Logger,
    private readonly options: ActorSystemOptions,
  ) {
    this.#broker = broker;
    this.#bus = bus;
    internals.set(this, () => ({ broker: this.#broker, bus: this.#bus, store: this.#store }));
    this.events = new EdgeEvents(broker, names, bus.signer, logger);
    this.#pause = new SharedPause(broker, names, bus.signer, this.#mailboxes, () => this.#store?.runtimeDb, logger.child({ component: 'shared-pause' }));
    this.operations = new SystemOperations({
      actors: options.actors, broker, mailboxes: this.#mailboxes, store: () => this.#store, deadLetters: () => this.#deadLetters, pause: this.#pause,
    });
    this.metrics.watchBroker(() => broker.connected);
  }

  /**
   * Connects, declares the topology, opens the database and subscribes (rule 13). Waits
   * for RabbitMQ and Postgres while they are not there; rejects with a `StartupError`
   * (a code, what is wrong, the fix) on what waiting cannot mend.
   */
  static async start(options: ActorSystemOptions): Promise<ActorSystem> {
    const clock = options.clock ?? systemClock();
    const logger = options.logger ?? createLogger();
    const names = topologyNames(options.namespace);
    const signer = signerFromKey(options.signingKey, logger);
    const progress = new StartupProgress(logger, clock, options.onWaiting);
    const broker = await connectBroker(options.amqpUrl, options.connectionName ?? 'actors', logger, clock, progress, options.fastPaths ?? true);
    const bus = new MessageBus(broker, names, clock, signer);
    const system = new ActorSystem(broker, bus, names, clock, logger, options);
    try {
      await system.#startUp(progress);
    } catch (error) {
      await broker.close();
      await system.#store?.close();
      if (error instanceof StartupError) throw error;
      // A broker refusal met after the topology stage (a permission, say) is named too; anything else goes up as it is.
      const problem = amqpStartupProblem(error, options.amqpUrl);
      throw problem && problem.code !== 'START-000' ? problem : error;
    }
    return system;
  }

  get stage(): Stage {
    return this.#stage;
  }

  /** A REST controller's transaction on `actor`'s state; see `StateStore.transaction`. */
  transaction<T, Tables, M extends MessageCatalogue>(actor: ActorDefinition<Tables, M>, flow: RequestFlow, work: (context: PersistentContext<Tables, M>) => Promise<T>): Promise<T> {
    if (!this.#store) throw new Error('this actor system runs without a database');
    return this.#store.transaction(actor, flow, work);
  }

  /**
   * `actor`'s own tables for reads outside a handler (a REST query of its read model, rule 1);
   * writes go through `transaction`.
   */
  readDb<Tables>(actor: ActorDefinition<Tables>): Kysely<Tables> {
    if (!this.#store) throw new Error('this actor system runs without a database');
    return this.#store.database.db.withSchema(this.#store.serviceSchema(actor));
  }

  /** Graceful stop: consumers stop, in-flight messages finish, confirms arrive, connection closes. */
  async stop(): Promise<void> {
    if (this.#stage === 'stopping' || this.#stage === 'stopped') return;
    this.#enter('stopping');
    if (this.#chaosReport !== undefined) this.clock.clearInterval(this.#chaosReport);
    await this.#store?.sweeper.stop();
    await this.#broker.close();
    await this.#store?.close();
    this.#enter('stopped');
  }

  async #startUp(progress: StartupProgress): Promise<void> {
    const { actors, amqpUrl, chaos } = this.options;
    if (chaos) this.#reportChaos(chaos);
    const api = managementApi(managementUrlFor(amqpUrl, this.options.managementUrl), vhostOf(amqpUrl));
    this.#enter('topology');
    const release = await lockTopology(this.#broker, this.names, progress, api, this.logger, this.clock);
    try {
      const layouts = await prepareTopologyWaiting({
        broker: this.#broker, api, names: this.names, actors, clock: this.clock, logger: this.logger,
        ...(this.options.mailboxPolicyPriority === undefined ? {} : { policyPriority: this.options.mailboxPolicyPriority }),
      }, amqpUrl, progress);
      if (this.options.database) {
        this.#store = await openStateStore(this.options.database, actors, { names: this.names, bus: this.#bus, clock: this.clock, logger: this.logger, progress, fastPaths: this.options.fastPaths ?? true });
        this.#deadLetters = new DeadLetterOffice(this.#store.runtimeDb, this.#broker, this.#bus, this.names, this.clock, this.logger);
        this.metrics.watchDatabase(this.#store.runtimeDb);
      }

      this.#enter('subscribe');
      // Before any mailbox is consumed: one an operator paused (in any process) starts paused.
      await this.#pause.start();
      const consumers = new Map(actors.map((actor) => [actor, this.#consumerOf(actor)]));
      // What an earlier layout still holds is handled first (see topology/mailbox-layout.ts).
      await Promise.all(actors.map((actor) => drainRetired({
        broker: this.#broker, api, names: this.names, actor: topologyOf(actor), layout: layouts.get(actor)!,
        subscribe: consumers.get(actor)!, progress, logger: this.logger,
      })));
      for (const actor of actors) {
        const subscribe = consumers.get(actor)!;
        for (const queue of layouts.get(actor)!.live) {
          // A retired queue is drained whatever its pause (the start waits for it); a live one keeps an operator's pause.
          const handle = { queue, actor, subscription: await subscribe(queue, this.#pause.isPaused(queue)) };
          this.#mailboxes.push(handle);
          await this.#pause.applyTo(handle); // a pause or resume announced while it subscribed
        }
        await this.#deadLetters?.consume(actor);
      }
      redeclareOnReconnect(this.#broker, api, this.names, this.clock, this.logger, this.options.mailboxPolicyPriority,
        new Map([...layouts].map(([actor, layout]) => [actor, steadyLayout(layout)])));
    } finally {
      await release();
    }

    this.#enter('start');
    this.#store?.start();
    for (const actor of actors) if (actor.onStart) await this.#runOnStart(actor, actor.onStart);
    this.#enter('stable');
  }

  /** How an actor's queues are consumed: its worker (one per queue: a batch never mixes partitions), prefetch and concurrency. */
  #consumerOf(actor: ActorDefinition): (queue: string, paused?: boolean) => Promise<Subscription> {
    const allowForcedErrors = this.options.allowForcedErrors ?? false;
    const logger = this.logger.child({ actor: actorName(actor) });
    const executor = this.#store?.executor(actor, allowForcedErrors, this.metrics)
      ?? directExecutor({ actor, bus: this.#bus, clock: this.clock, logger, allowForcedErrors });
    const { batchSize, concurrentBatches, prefetch, concurrency } = mailboxPlan(actor, { database: this.#store !== undefined });
    const parkedQueue = this.names.parked(this.names.mailbox(actor.landscape, actor.service));
    const metrics = this.metrics.mailbox(actorName(actor));
    const worker = createMailboxWorker({ actor, bus: this.#bus, clock: this.clock, logger, executor, batchSize, concurrentBatches, parkedQueue, metrics });
    const chaos = this.options.chaos;
    const handle = chaos ? withChaos(worker, chaos, this.chaosCounts) : worker;
    return (queue, paused = false) => this.#broker.subscribe({ queue, prefetch, concurrency, handle, logger: this.logger, paused });
  }

  #reportChaos(chaos: ChaosOptions): void {
    this.logger.warn({ code: 'CHAOS-001', duplicate: chaos.duplicate ?? 0, drop: chaos.drop ?? 0 }, 'chaos on: deliveries are duplicated and dropped on purpose (tests only)');
    let last = '';
    this.#chaosReport = every(this.clock, 2_000, () => {
      const now = JSON.stringify(this.chaosCounts);
      if (now === last) return;
      last = now;
      this.logger.warn({ code: 'CHAOS-002', ...this.chaosCounts }, 'chaos so far');
    });
    unref(this.#chaosReport);
  }

  async #runOnStart(actor: ActorDefinition, onStart: NonNullable<ActorDefinition['onStart']>): Promise<void> {
    if (this.#store) {
      await this.#store.transaction(actor, {}, async (context) => { await onStart(context); });
      return;
    }
    const origin = { actor: actorName(actor), landscape: actor.landscape, ownQueue: this.names.mailbox(actor.landscape, actor.service) };
    const { context, outgoing } = createHandlerContext(origin, this.clock, this.logger);
    await onStart(context);
    await Promise.all(outgoing.map((out) => deliver(this.#bus, out)));
  }

  #enter(stage: Stage): void {
    this.#stage = stage;
    this.logger.info({ stage }, `actor system stage: ${stage}`);
    this.options.onStage?.(stage);
  }
}
