import type { PublishRetry } from '../persistence/publish-retry.ts';
import type { Envelope, MessageData } from '../envelope/envelope.ts';
import { catalogueSchema, type AnyCatalogue, type CommandType, type DataOut, type EventType, type MessageCatalogue } from '../envelope/message-catalogue.ts';
import type { PersistentContext } from '../persistence/persistent-context.ts';
import type { StandardSchemaV1 } from '../envelope/standard-schema.ts';
import type { MailboxOptions } from '../topology/mailbox-policy.ts';
import type { HandlerContext } from './handler-context.ts';

/**
 * Handles one message. `prepared` is what the entry's `prepare` resolved with (see
 * `HandlerOptions`); undefined without one. `Context` is the actor's (`ActorContext`).
 */
export type MessageHandler<Data extends MessageData = MessageData, Prepared = unknown, Context = HandlerContext> =
  (message: Envelope<string, Data>, context: Context, prepared?: Prepared) => void | Promise<void>;

/** What `prepare` may use: no state, no emitting (it runs outside the handler's transaction). */
export type PrepareContext = Pick<HandlerContext, 'actor' | 'clock' | 'logger'>;

/**
 * Slow work a handler needs that touches no state (a wait, a computation, a call out):
 * the executor runs it BEFORE the handler's transaction, holding no database connection,
 * and hands its result to the handler as `prepared`. It may run again for a redelivered
 * message (even one the inbox then recognises), so it must not change anything. A failure
 * is a technical failure of the message (retried), and the handler does not run.
 */
export type Prepare<Data extends MessageData = MessageData, Prepared = unknown> =
  (message: Envelope<string, Data>, context: PrepareContext) => Prepared | Promise<Prepared>;

export interface HandlerOptions<Data extends MessageData = MessageData, Prepared = unknown> {
  prepare?: Prepare<Data, Prepared>;
}

/** One message of a batch with its own context: what it emits continues its flow. */
export interface BatchItem<Data extends MessageData = MessageData, Context = HandlerContext> {
  message: Envelope<string, Data>;
  context: Context;
}

/**
 * Handles the consecutive messages of one batch that share the handler at once, in arrival
 * order, e.g. with one multi-row query instead of one query per message.
 */
export type BatchHandler<Data extends MessageData = MessageData, Context = HandlerContext> =
  (items: ReadonlyArray<BatchItem<Data, Context>>) => void | Promise<void>;

/** A handler with the schema its message's data must pass first (rule 6: otherwise parked). */
export interface HandlerEntry<Data extends MessageData = MessageData, Context = HandlerContext> {
  schema?: StandardSchemaV1<unknown, Data>;
  handle: MessageHandler<Data, unknown, Context>;
  /** Set by `onBatch`; `handle` then runs it with one item. */
  handleBatch?: BatchHandler<Data, Context>;
  /** Runs before the handler's transaction, with no connection held (`HandlerOptions`). */
  prepare?: Prepare<Data>;
}

/**
 * The context an actor's handlers receive: with `Tables`, a `PersistentContext` whose `db`
 * is typed by them; without (`never`), a `HandlerContext`. Both emit what `M` declares.
 * An erased definition (`ActorDefinition`, as the runtime holds them) takes any context.
 */
export type ActorContext<Tables, M extends MessageCatalogue> =
  0 extends (1 & M) ? any // eslint-disable-line @typescript-eslint/no-explicit-any -- the erased form
    : [Tables] extends [never] ? HandlerContext<M> : PersistentContext<Tables, M>;

/** A handler of a message of `Type`: a function (data typed, and validated, by the catalogue), or an entry made by `on`/`onBatch`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an entry's own schema types its data
export type HandlerFor<Data extends MessageData, Context> = MessageHandler<Data, unknown, Context> | HandlerEntry<any, Context>;

/** Handlers by message type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the erased form: any handler
export type Handles<Context = any> = Record<string, HandlerFor<any, Context>>;

type CommandHandles<Tables, M extends MessageCatalogue> = { [Type in CommandType<M>]?: HandlerFor<DataOut<M, Type>, ActorContext<Tables, M>> };
type EventHandles<Tables, M extends MessageCatalogue> = { [Type in EventType<M>]?: HandlerFor<DataOut<M, Type>, ActorContext<Tables, M>> };

/**
 * An actor: a mailbox, a behaviour and (from the persistence layer on) its own state.
 * `Tables` types `context.db` in its handlers; `M` (its landscape's `defineMessages`) the
 * types it handles and emits. `ActorDefinition` with no arguments is the erased form the
 * runtime takes: any actor is one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the erased form by default
export interface ActorDefinition<Tables = any, M extends MessageCatalogue = any> {
  landscape: string;
  service: string;
  /** The landscape's message catalogue: validates data a handler's entry has no schema for. */
  messages?: MessageCatalogue;
  /** Commands addressed to this service, by type. */
  commands?: CommandHandles<Tables, M>;
  /** Events this actor subscribes to, by type. */
  events?: EventHandles<Tables, M>;
  /** Waits (business ms, scaled by TIME_SCALE) before each retry of a technical failure. Default 1 s, 10 s, 10 s. */
  retry?: readonly number[];
  /**
   * With a database: publish what it emits (and what a REST transaction on its state emits)
   * on this bounded schedule, then park it in the outbox; default: retried every second
   * without end. See `persistence/publish-retry.ts`.
   */
  publishRetry?: PublishRetry;
  mailbox?: MailboxOptions;
  /** Partitions of the mailbox (rule 10); each is consumed in order by one active consumer. */
  partitions?: number;
  /**
   * The order key of a message (e.g. an orchestrator's instance key): messages of one key
   * are handled one after the other in mailbox order, each once the previous one's
   * transaction committed, while messages of different keys run at once (up to `concurrency`
   * unbatched, `concurrentBatches` with `batch`). Undefined: the message waits for nothing.
   * Orchestrators set it to their process key.
   */
  orderKey?: (message: Envelope) => string | undefined;
  /** Unacked messages the broker sends ahead per queue. Default 50; with `batch`, at least batch × (concurrentBatches + 1). */
  prefetch?: number;
  /** Messages handled at once (per partition: always 1). Default 10. */
  concurrency?: number;
  /**
   * The Postgres schema of the service's own tables, and its folder `sql/<schema>/` of
   * migrations. Default `<landscape>_<service>`.
   */
  schema?: string;
  /** With a database: messages handled in one transaction (default 1). */
  batch?: number;
  /**
   * With `batch`: batches whose transactions may run at once (default 1). One runs the
   * batches one after the other in mailbox order, each publishing before the next commits;
   * more overlap one batch's commit with the next one's work, for throughput, and give up
   * that order. Ignored for a partitioned mailbox, whose point is the order. Handlers that
   * write the same rows in concurrent batches should lock them in one order (e.g. sorted
   * keys), or Postgres will find deadlocks.
   */
  concurrentBatches?: number;
  /** Called instead of the handler for a message past its deadline, e.g. to emit a timeout event. */
  onDeadlineExpired?: MessageHandler<MessageData, unknown, ActorContext<Tables, M>>;
  /**
   * Runs once when the system reaches the `start` stage, e.g. to publish reference data at
   * start-up; with a database in one transaction on the actor's state (what it emits goes
   * through the outbox). A failure fails the start.
   */
  onStart?: (context: ActorContext<Tables, M>) => void | Promise<void>;
  /** Types only (never set): what `system.transaction` and `system.readDb` type their `db` and context by. */
  readonly '~types'?: { readonly tables: Tables; readonly messages: M };
}

export const defaultRetrySchedule: readonly number[] = [1_000, 10_000, 10_000];

/**
 * Declares an actor; a typed identity, so definitions read as data. `defineActor<Tables, M>`
 * types its handlers' `context.db` by `Tables` and what they handle and emit by `M`, the
 * landscape's catalogue; a landscape's `defineLandscape(…).defineActor<Tables>` binds `M`.
 * Without type arguments, handlers may emit any type and `context.db` (given a database) any table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped: `context.db` takes any table
export function defineActor<Tables = any, M extends MessageCatalogue = AnyCatalogue>(definition: ActorDefinition<Tables, M>): ActorDefinition<Tables, M> {
  return definition;
}

/**
 * A handler whose message data is validated by `schema` and typed by it. With
 * `options.prepare`, slow work that needs no state runs first, outside the transaction,
 * and the handler receives its result: declare its type on the handler's third parameter
 * (`(message, context, cooked: boolean) => …`); `prepare` must then return that type.
 */
export function on<Data extends MessageData, Prepared = undefined, Context = HandlerContext>(
  schema: StandardSchemaV1<unknown, Data>,
  handle: (message: Envelope<string, Data>, context: Context, prepared: Prepared) => void | Promise<void>,
  options: HandlerOptions<Data, Prepared> = {},
): HandlerEntry<Data, Context> {
  const entry: HandlerEntry<Data, Context> = { schema, handle: handle as MessageHandler<Data, unknown, Context> };
  if (options.prepare) entry.prepare = options.prepare;
  return entry;
}

/**
 * Like `on`, for an actor with `batch`: the transactional executor hands the handler every
 * message of the batch it handles (the same type, in a row) at once, in the batch's
 * transaction, so a per-message query can become one query per batch. If the batch fails,
 * each message is handled again on its own (a batch of one), so only the bad one fails.
 */
export function onBatch<Data extends MessageData, Context = HandlerContext>(
  schema: StandardSchemaV1<unknown, Data>,
  handleBatch: BatchHandler<Data, Context>,
): HandlerEntry<Data, Context> {
  return { schema, handle: (message, context) => handleBatch([{ message, context }]), handleBatch };
}

/** The handler entry for a message, by its kind and type; undefined when the actor does not handle it. */
export function entryFor(actor: ActorDefinition, message: Pick<Envelope, 'kind' | 'type'>): HandlerEntry | undefined {
  const handles: Partial<Handles> | undefined = message.kind === 'command' ? actor.commands : actor.events;
  const found = handles && Object.hasOwn(handles, message.type) ? handles[message.type] : undefined;
  if (found === undefined) return undefined;
  if (typeof found !== 'function') return found;
  // A bare function: its data is the catalogue's, so the catalogue's schema checks it.
  const schema = actor.messages && catalogueSchema(actor.messages, message.kind, message.type);
  return schema ? { schema, handle: found } : { handle: found };
}

/** The actor's schema name before any namespace: `schema`, or `<landscape>_<service>`. */
export function schemaOf(actor: Pick<ActorDefinition, 'landscape' | 'service' | 'schema'>): string {
  return actor.schema ?? `${actor.landscape}_${actor.service}`.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
}

export function actorName(actor: Pick<ActorDefinition, 'landscape' | 'service'>): string {
  return `${actor.landscape}.${actor.service}`;
}
