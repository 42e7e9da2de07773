import { type Clock, scaled } from '../clock/clock.ts';
import { createMessage, type Envelope, type MessageData, type MessageOptions } from '../envelope/envelope.ts';
import { messageLogger, type Logger } from '../logging/logger.ts';
import type { AddressedMessage } from '../messaging/addressed-message.ts';

type Extra = Omit<MessageOptions, 'source' | 'causedBy' | 'clock'>;

/** What a handler may do besides reading its message. Everything it emits is sent only if it succeeds. */
export interface HandlerContext {
  readonly actor: string;
  readonly clock: Clock;
  /** Carries the message's ids on every line (rule 14). */
  readonly logger: Logger;
  /** Publishes an event of this actor's landscape. */
  publish(type: string, data: MessageData, options?: Extra): Envelope;
  /** Sends a command to a service of this actor's landscape. */
  send(service: string, type: string, data: MessageData, options?: Extra): Envelope;
  /** Sends this actor a message in the future (an alarm clock). `delay` is a business duration (scaled). */
  sendLater(type: string, data: MessageData, due: { delay: number } | { at: Date }, options?: Extra & { kind?: 'command' | 'event' }): Envelope;
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
}

/**
 * Builds a context whose messages continue the origin's flow. They are collected, not
 * sent: the caller sends them (or stores them in the outbox) once the handler succeeded.
 */
export function createHandlerContext(origin: ContextOrigin, clock: Clock, logger: Logger): { context: HandlerContext; outgoing: AddressedMessage[] } {
  const outgoing: AddressedMessage[] = [];
  const { actor, landscape } = origin;
  const build = (kind: 'command' | 'event', type: string, data: MessageData, extra: Extra = {}) =>
    createMessage(kind, type, data, { ...origin.flow, ...extra, source: actor, clock, ...(origin.causedBy ? { causedBy: origin.causedBy } : {}) });
  let log: Logger | undefined;
  const context: HandlerContext = {
    actor,
    clock,
    // Made on first use: pino serialises a child's bindings when it is created, and most
    // messages are handled without a log line.
    get logger() {
      return (log ??= origin.causedBy ? messageLogger(logger, origin.causedBy) : logger);
    },
    publish(type, data, options) {
      const message = build('event', type, data, options);
      outgoing.push({ route: 'event', landscape, message });
      return message;
    },
    send(service, type, data, options) {
      const message = build('command', type, data, options);
      outgoing.push({ route: 'command', landscape, service, message });
      return message;
    },
    sendLater(type, data, due, options = {}) {
      const { kind = 'command', ...extra } = options;
      const message = build(kind, type, data, extra);
      const dueAt = 'at' in due ? due.at : new Date(clock.now() + scaled(clock, due.delay));
      outgoing.push({ route: 'later', landscape, queue: origin.ownQueue, dueAt, message });
      return message;
    },
  };
  return { context, outgoing };
}
