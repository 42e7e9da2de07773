import { wallClock, type Clock } from '../clock/clock.ts';
import { perMillisecond } from '../clock/per-millisecond.ts';
import { newMessageId } from './message-id.ts';

/** `toISOString` of `now`. */
const isoTime = perMillisecond((now) => new Date(now).toISOString());

/** Commands ask one actor to do something; events tell everyone what happened. */
export type MessageKind = 'command' | 'event';

/**
 * Metadata travels with every message (rule 2). Fields a runtime does not know
 * (added by a newer producer) pass through unchanged.
 */
export interface Metadata {
  /** The external stimulus this message belongs to (one browser request, one timer, …). */
  correlationId: string;
  /** The message that caused this one; absent for the first message of a flow. */
  causationId?: string;
  sessionId?: string;
  requestId?: string;
  /** ISO-8601: the message must be processed by then, or it is dropped with a record. */
  deadline?: string;
  /** Routes a message to one partition of a partitioned mailbox (rule 10). */
  partitionKey?: string;
  occurredAt: string;
  /** The actor (or edge) that produced the message. */
  source: string;
  /** 1 on first delivery; raised each time the message comes back from a waiting room. */
  attempt: number;
  /** W3C trace context of where the message was created (OpenTelemetry, `actors/telemetry/`); absent without tracing. */
  traceparent?: string;
  tracestate?: string;
  [unknown: string]: unknown;
}

export type MessageData = Record<string, unknown>;

/**
 * The one shape of every message on the wire, plain data. Read-only: the codec caches an
 * envelope's encoded body by the envelope object, so a changed message is a new envelope
 * (`{ ...message, metadata: { ...message.metadata, attempt } }`), never an edit.
 */
export interface Envelope<Type extends string = string, Data extends MessageData = MessageData> {
  readonly id: string;
  readonly kind: MessageKind;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: Readonly<Metadata>;
}

export type Command<Type extends string = string, Data extends MessageData = MessageData> =
  Envelope<Type, Data> & { kind: 'command' };
export type Event<Type extends string = string, Data extends MessageData = MessageData> =
  Envelope<Type, Data> & { kind: 'event' };

export interface MessageOptions {
  /** Actor or edge producing the message. */
  source: string;
  /** The message being handled: the new one joins its flow (correlation, causation, session). */
  causedBy?: Envelope;
  id?: string;
  correlationId?: string;
  sessionId?: string;
  requestId?: string;
  /** Absolute deadline; a caused command inherits its cause's deadline unless given. */
  deadline?: Date | string;
  partitionKey?: string;
  /** Extra metadata (kept as is). */
  metadata?: Record<string, unknown>;
  clock?: Pick<Clock, 'now'>;
  /** The span the message is created in (a handler's, a request's): it replaces the trace context inherited from `causedBy`. */
  trace?: { traceparent?: string; tracestate?: string };
}

/** Builds a message; with `causedBy` it continues that message's flow. */
export function createMessage<Type extends string, Data extends MessageData>(
  kind: MessageKind,
  type: Type,
  data: Data,
  options: MessageOptions,
): Envelope<Type, Data> {
  const cause = options.causedBy?.metadata;
  const id = options.id ?? newMessageId();
  const now = (options.clock ?? wallClock).now(); // the runtime passes its clock; a caller outside one gets the wall clock
  // Assigned one by one rather than spread together: this runs for every message, and a
  // key assigned again keeps its first place, as with spreads, so the JSON reads the same.
  const metadata = {} as Metadata;
  if (cause) inheritMetadata(cause, kind, metadata);
  if (options.metadata) Object.assign(metadata, options.metadata);
  metadata.correlationId = options.correlationId ?? cause?.correlationId ?? id;
  metadata.occurredAt = isoTime(now);
  metadata.source = options.source;
  metadata.attempt = 1;
  if (options.causedBy) metadata.causationId = options.causedBy.id;
  assignDefined(metadata, 'sessionId', options.sessionId);
  assignDefined(metadata, 'requestId', options.requestId);
  assignDefined(metadata, 'partitionKey', options.partitionKey);
  if (options.deadline !== undefined) metadata.deadline = new Date(options.deadline).toISOString();
  if (options.trace?.traceparent !== undefined) {
    metadata.traceparent = options.trace.traceparent;
    if (options.trace.tracestate === undefined) delete metadata.tracestate;
    else metadata.tracestate = options.trace.tracestate;
  }
  return { id, kind, type, data, metadata };
}

export function createCommand<Type extends string, Data extends MessageData>(
  type: Type, data: Data, options: MessageOptions,
): Command<Type, Data> {
  return createMessage('command', type, data, options) as Command<Type, Data>;
}

export function createEvent<Type extends string, Data extends MessageData>(
  type: Type, data: Data, options: MessageOptions,
): Event<Type, Data> {
  return createMessage('event', type, data, options) as Event<Type, Data>;
}

/**
 * What a caused message keeps of its cause: the session, the request, unknown fields,
 * and for commands the deadline (a request made to meet a deadline shares it). Events
 * are facts and never expire with their cause: a timeout or failure must still arrive.
 */
function inheritMetadata(cause: Metadata, kind: MessageKind, into: Metadata): void {
  for (const key in cause) {
    if (key === 'causationId' || key === 'occurredAt' || key === 'source' || key === 'attempt' || key === 'partitionKey') continue;
    if (key === 'deadline' && kind !== 'command') continue;
    into[key] = cause[key];
  }
}

function assignDefined(target: Metadata, key: string, value: string | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Milliseconds left before the message's deadline; undefined when it has none. */
export function timeLeft(message: Envelope, now: number): number | undefined {
  const deadline = message.metadata.deadline;
  return deadline === undefined ? undefined : Date.parse(deadline) - now;
}

export function isPastDeadline(message: Envelope, now: number): boolean {
  const left = timeLeft(message, now);
  return left !== undefined && left <= 0;
}
