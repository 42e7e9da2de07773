import { sql } from 'kysely';
import { wallClock, withTimeout } from '../clock/clock.ts';
import type { ActorDefinition } from '../actor/actor-definition.ts';
import type { Broker } from '../broker/broker.ts';
import type { Subscription } from '../broker/subscription.ts';
import type { DeadLetterOffice } from '../dead-letters/dead-letter-office.ts';
import { NotFoundError, TechnicalError } from '../errors/errors.ts';
import { isOrchestrator } from '../orchestrator/define-orchestrator.ts';
import { describeInstance } from '../orchestrator/instance-store.ts';
import { flowOf } from '../persistence/flow-log.ts';
import type { Publication, PublicationStatus } from '../persistence/publish-retry.ts';
import type { StateStore } from '../persistence/state-store.ts';
import type { SharedPause } from './shared-pause.ts';

/** One consumed queue of an actor: its mailbox, or one partition of it. */
export interface MailboxHandle {
  queue: string;
  actor: ActorDefinition;
  subscription: Subscription;
}

/** What `SystemOperations` is made of: the running system's parts, read when asked. */
export interface OperationsParts {
  actors: readonly ActorDefinition[];
  broker: Broker;
  mailboxes: readonly MailboxHandle[];
  store: () => StateStore | undefined;
  deadLetters: () => DeadLetterOffice | undefined;
  pause: SharedPause;
}

export interface PauseOptions {
  /**
   * Pause (or resume) a queue this process does not consume (a mailbox of a service other
   * replicas run, e.g. a restaurant cook's from the gateway process). Default false: a queue
   * not consumed here is a `NotFoundError`, as the operations API's 404.
   */
  anywhere?: boolean;
}

/**
 * What an operator (an admin API, a dashboard) does with a running system: its mailboxes
 * and their pause switch, the dead-letter office, the flow of a correlation, the
 * orchestrators and their instances, a queue's counts. `system.operations`.
 */
export class SystemOperations {
  readonly #parts: OperationsParts;

  constructor(parts: OperationsParts) {
    this.#parts = parts;
  }

  /** The queues this system consumes. */
  get mailboxes(): readonly MailboxHandle[] {
    return this.#parts.mailboxes;
  }

  /**
   * Stops consuming one queue in every process of the system (one started later too) until
   * it is resumed from any of them; its messages wait (nothing is lost). Recorded in the
   * runtime's table and announced on the broker (`shared-pause.ts`). NotFoundError for a
   * queue not consumed here, unless `anywhere`.
   */
  async pause(queue: string, options: PauseOptions = {}): Promise<void> {
    if (!options.anywhere) this.#mailbox(queue);
    await this.#parts.pause.set(queue, true);
  }

  /** Ends a pause, in every process, whichever process paused it. */
  async resume(queue: string, options: PauseOptions = {}): Promise<void> {
    if (!options.anywhere) this.#mailbox(queue);
    await this.#parts.pause.set(queue, false);
  }

  /** The dead-letter office (parked messages: list, retry, discard); undefined without a database. */
  get deadLetters(): DeadLetterOffice | undefined {
    return this.#parts.deadLetters();
  }

  /** Whether the system keeps state (a database): flows, instances and dead letters need it. */
  get hasDatabase(): boolean {
    return this.#parts.store() !== undefined;
  }

  /** Whether the broker connection is up now. */
  get brokerConnected(): boolean {
    return this.#parts.broker.connected;
  }

  /**
   * Whether Postgres answers a trivial query within `timeoutMs`; undefined without a
   * database. Never rejects: the readiness probe reports the error.
   */
  async pingDatabase(timeoutMs = 2_000): Promise<{ ok: true } | { ok: false; error: string } | undefined> {
    const store = this.#parts.store();
    if (!store) return undefined;
    try {
      await withTimeout(wallClock, sql`select 1`.execute(store.database.db), timeoutMs, `no answer within ${timeoutMs} ms`);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  /** What was handled and emitted for one correlation id, in order (rule 14). */
  flowOf(correlationId: string) {
    return flowOf(this.#store().runtimeDb, correlationId);
  }

  /** The machine definitions of the orchestrators in this system, with their versions (for visualisers). */
  orchestratorDefinitions() {
    return this.#parts.actors.filter(isOrchestrator).map((actor) => ({
      name: actor.orchestrator.versions.name, landscape: actor.landscape, service: actor.service,
      versions: actor.orchestrator.versions.definitions(),
    }));
  }

  /** Current state, context, timers and history of one orchestrator instance. */
  describeInstance(machine: string, key: string) {
    return describeInstance(this.#store().runtimeDb, machine, key);
  }

  /** `actor`'s outbox messages by status: pending, parked (after its `publishRetry` schedule), published. */
  publications(actor: ActorDefinition, status: PublicationStatus, limit = 200): Promise<Publication[]> {
    return this.#store().publications(actor, status, limit);
  }

  /** Publishes a parked outbox message of `actor` again, on the whole schedule; 404 / 409 (`NotFoundError`, `ConflictError`) otherwise. */
  retryPublication(actor: ActorDefinition, messageId: string): Promise<Publication> {
    return this.#store().retryPublication(actor, messageId);
  }

  /** A queue's consumers and ready messages, as the broker answers a passive declare. */
  async queueCounts(queue: string): Promise<{ consumers: number; ready: number }> {
    const checked = await this.#parts.broker.withChannel((channel) => channel.checkQueue(queue));
    return { consumers: checked.consumerCount, ready: checked.messageCount };
  }

  #store(): StateStore {
    const store = this.#parts.store();
    if (!store) throw new TechnicalError('this actor system runs without a database');
    return store;
  }

  #mailbox(queue: string): MailboxHandle {
    const found = this.#parts.mailboxes.find((m) => m.queue === queue);
    if (!found) throw new NotFoundError(`no mailbox ${queue} in this actor system`);
    return found;
  }
}
