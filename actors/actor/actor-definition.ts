import type { Envelope, MessageData } from '../envelope/envelope.ts';
import type { StandardSchemaV1 } from '../envelope/standard-schema.ts';
import type { MailboxOptions } from '../topology/mailbox-arguments.ts';
import type { HandlerContext } from './handler-context.ts';

export type MessageHandler<Data extends MessageData = MessageData> =
  (message: Envelope<string, Data>, context: HandlerContext) => void | Promise<void>;

/** A handler with the schema its message's data must pass first (rule 6: otherwise parked). */
export interface HandlerEntry<Data extends MessageData = MessageData> {
  schema?: StandardSchemaV1<unknown, Data>;
  handle: MessageHandler<Data>;
}

export type Handles = Record<string, MessageHandler | HandlerEntry<any>>;

/** An actor: a mailbox, a behaviour and (from the persistence layer on) its own state. */
export interface ActorDefinition {
  landscape: string;
  service: string;
  /** Commands addressed to this service, by type. */
  commands?: Handles;
  /** Events this actor subscribes to, by type. */
  events?: Handles;
  /** Waits (business ms, scaled by TIME_SCALE) before each retry of a technical failure. Default 1 s, 10 s, 10 s. */
  retry?: readonly number[];
  mailbox?: MailboxOptions;
  /** Partitions of the mailbox (rule 10); each is consumed in order by one active consumer. */
  partitions?: number;
  /** Unacked messages the broker sends ahead per queue. Default 50. */
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
  /** Called instead of the handler for a message past its deadline, e.g. to emit a timeout event. */
  onDeadlineExpired?: MessageHandler;
}

export const defaultRetrySchedule: readonly number[] = [1_000, 10_000, 10_000];

/** Declares an actor; a typed identity, so definitions read as data. */
export function defineActor<const Definition extends ActorDefinition>(definition: Definition): Definition {
  return definition;
}

/** A handler whose message data is validated by `schema` and typed by it. */
export function on<Data extends MessageData>(
  schema: StandardSchemaV1<unknown, Data>,
  handle: MessageHandler<Data>,
): HandlerEntry<Data> {
  return { schema, handle };
}

/** The handler entry for a message, by its kind and type; undefined when the actor does not handle it. */
export function entryFor(actor: ActorDefinition, message: Pick<Envelope, 'kind' | 'type'>): HandlerEntry | undefined {
  const handles = message.kind === 'command' ? actor.commands : actor.events;
  const found = handles && Object.hasOwn(handles, message.type) ? handles[message.type] : undefined;
  if (found === undefined) return undefined;
  return typeof found === 'function' ? { handle: found } : found;
}

/** The actor's schema name before any namespace: `schema`, or `<landscape>_<service>`. */
export function schemaOf(actor: Pick<ActorDefinition, 'landscape' | 'service' | 'schema'>): string {
  return actor.schema ?? `${actor.landscape}_${actor.service}`.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
}

export function actorName(actor: Pick<ActorDefinition, 'landscape' | 'service'>): string {
  return `${actor.landscape}.${actor.service}`;
}
