import { type Clock, scaled } from '../clock/clock.ts';
import { createMessage, type Envelope, type MessageData, type MessageOptions } from '../envelope/envelope.ts';
import { messageLogger, type Logger } from '../logging/logger.ts';
import type { AnyCatalogue, CommandType, DataIn, EventType, MessageCatalogue, MessageType } from '../envelope/message-catalogue.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';
import { carrierOf, type TraceCarrier } from '../telemetry/trace-context.ts';
import type { Span } from '@opentelemetry/api';

type Extra = EmitOptions;
const noExtra: Extra = Object.freeze({});

/** What a message may set besides its data (the context sets its source and cause). */
export type EmitOptions = Omit<MessageOptions, 'source' | 'causedBy' | 'clock'>;

/** When a message sent with `sendLater` is due: a business delay (scaled), or an instant. */
export type When = { delay: number } | { at: Date };

/**
 * What a handler may do besides reading its message. Everything it emits is sent only if it
 * succeeds. `M`, the landscape's message catalogue (`defineMessages`), types what it emits:
 * `publish` takes the landscape's event types with their data, `send` its command types.
 */
export interface HandlerContext<M extends MessageCatalogue = AnyCatalogue> {
  readonly actor: string;
  readonly clock: Clock;
  /** Carries the message's ids on every line (rule 14). */
  readonly logger: Logger;
  /** Publishes an event of this actor's landscape. */
  publish<Type extends EventType<M>>(type: Type, data: DataIn<M, Type>, options?: EmitOptions): Envelope<Type, DataIn<M, Type>>;
  /** Sends a command to a service of this actor's landscape. */
  send<Type extends CommandType<M>>(service: string, type: Type, data: DataIn<M, Type>, options?: EmitOptions): Envelope<Type, DataIn<M, Type>>;
  /**
   * Sends this actor a message in the future (an alarm clock). `delay` is a business duration
   * (scaled). A command unless `kind: 'event'`.
   */
  sendLater<Type extends MessageType<M>>(type: Type, data: DataIn<M, Type>, due: When, options?: EmitOptions & { kind?: 'command' | 'event' }): Envelope<Type, DataIn<M, Type>>;
}

/** Where the messages a context emits belong: its flow, and where "later" returns to. */
export interface ContextOrigin {
  /** The actor (or edge) emitting. */
  actor: string;
  landscape: string;
  /** The queue an alarm clock returns to. */
  ownQueue: string;
  /** The message being handled; absent for a REST controller's transaction. */
  causedBy?: Envelope;
  /** The flow of a REST request (correlation, session, request), when there is no message. */
  flow?: Pick<MessageOptions, 'correlationId' | 'sessionId' | 'requestId' | 'metadata'>;
  /** The span handling it (tracing on): what the context emits is created in it. */
  trace?: TraceCarrier;
}

/** The origin of a handled message's context: its actor, its queue (for alarm clocks), the message and its span. */
export function originOf(work: { delivery: { queue: string }; message: Envelope; span?: Span }, actor: string, landscape: string): ContextOrigin {
  const origin: ContextOrigin = { actor, landscape, ownQueue: work.delivery.queue, causedBy: work.message };
  if (work.span) origin.trace = carrierOf(work.span);
  return origin;
}

/**
 * Builds a context whose messages continue the origin's flow. They are collected, not
 * sent: the caller sends them (or stores them in the outbox) once the handler succeeded.
 */
export function createHandlerContext<M extends MessageCatalogue = AnyCatalogue>(origin: ContextOrigin, clock: Clock, logger: Logger): { context: HandlerContext<M>; outgoing: AddressedMessage[] } {
  const outgoing: AddressedMessage[] = [];
  // The context is typed by the catalogue at compile time only; at run time it takes any type.
  return { context: new CollectingContext(origin, clock, logger, outgoing) as unknown as HandlerContext<M>, outgoing };
}

type Publish = (type: string, data: MessageData, options?: Extra) => Envelope;
type Send = (service: string, type: string, data: MessageData, options?: Extra) => Envelope;
type SendLater = (type: string, data: MessageData, due: When, options?: Extra & { kind?: 'command' | 'event' }) => Envelope;

/**
 * One object per handled message, its functions made on first use (most handlers emit
 * little or nothing). Each is a closure, not a prototype method, so a handler may still
 * take `publish` off the context and call it on its own.
 */
/** Each context's trace (tracing on): the span of the message it handles, for spans a batch handler starts per item. */
const traces = new WeakMap<object, TraceCarrier>();

/** The trace context of the message a handler context handles, if it is traced. */
export function traceOfContext(context: object): TraceCarrier | undefined {
  return traces.get(context);
}

class CollectingContext {
  readonly actor: string;
  readonly clock: Clock;
  readonly #origin: ContextOrigin;
  readonly #rootLogger: Logger;
  readonly #outgoing: AddressedMessage[];
  #log: Logger | undefined;
  #publish: Publish | undefined;
  #send: Send | undefined;
  #sendLater: SendLater | undefined;

  constructor(origin: ContextOrigin, clock: Clock, rootLogger: Logger, outgoing: AddressedMessage[]) {
    this.actor = origin.actor;
    this.clock = clock;
    this.#origin = origin;
    this.#rootLogger = rootLogger;
    this.#outgoing = outgoing;
    if (origin.trace) traces.set(this, origin.trace);
  }

  // Made on first use: pino serialises a child's bindings when it is created, and most
  // messages are handled without a log line.
  get logger(): Logger {
    return (this.#log ??= this.#origin.causedBy ? messageLogger(this.#rootLogger, this.#origin.causedBy) : this.#rootLogger);
  }

  get publish(): Publish {
    return (this.#publish ??= (type, data, options) => {
      const message = this.#build('event', type, data, options);
      this.#outgoing.push({ route: 'event', landscape: this.#origin.landscape, message });
      return message;
    });
  }

  get send(): Send {
    return (this.#send ??= (service, type, data, options) => {
      const message = this.#build('command', type, data, options);
      this.#outgoing.push({ route: 'command', landscape: this.#origin.landscape, service, message });
      return message;
    });
  }

  get sendLater(): SendLater {
    return (this.#sendLater ??= (type, data, due, options = {}) => {
      const { kind = 'command', ...extra } = options;
      const message = this.#build(kind, type, data, extra);
      const dueAt = 'at' in due ? due.at : new Date(this.clock.now() + scaled(this.clock, due.delay));
      this.#outgoing.push({ route: 'later', landscape: this.#origin.landscape, queue: this.#origin.ownQueue, dueAt, message });
      return message;
    });
  }

  #build(kind: 'command' | 'event', type: string, data: MessageData, extra: Extra = noExtra): Envelope {
    const origin = this.#origin;
    const clock = this.clock;
    // Most handlers emit with no flow of their own and no options: skip the spreads then.
    const options: MessageOptions = origin.flow || extra !== noExtra ? { ...origin.flow, ...extra, source: origin.actor, clock } : { source: origin.actor, clock };
    if (origin.causedBy) options.causedBy = origin.causedBy;
    if (origin.trace) options.trace = origin.trace;
    return createMessage(kind, type, data, options);
  }
}
