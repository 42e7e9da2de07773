import { type Clock, scaled } from '../clock/clock.ts';
import { createMessage, type Envelope, type MessageData, type MessageOptions } from '../envelope/envelope.ts';
import type { Logger } from '../logging/logger.ts';

type Extra = Omit<MessageOptions, 'source' | 'causedBy' | 'clock'>;

/** What a handler may do besides reading its message. Everything it emits is sent only if it succeeds. */
export interface HandlerContext {
  readonly actor: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Publishes an event of this actor's landscape. */
  publish(type: string, data: MessageData, options?: Extra): Envelope;
  /** Sends a command to a service of this actor's landscape. */
  send(service: string, type: string, data: MessageData, options?: Extra): Envelope;
  /** Sends this actor a message in the future (an alarm clock). `delay` is a business duration (scaled). */
  sendLater(type: string, data: MessageData, due: { delay: number } | { at: Date }, options?: Extra & { kind?: 'command' | 'event' }): Envelope;
}

/** A message the handler emitted, with where it goes. */
export type Outgoing =
  | { route: 'event'; message: Envelope }
  | { route: 'command'; service: string; message: Envelope }
  | { route: 'later'; message: Envelope; due: { delay: number } | { at: Date } };

/** Builds a context whose messages continue the incoming message's flow and are collected, not sent. */
export function createHandlerContext(actor: string, incoming: Envelope, clock: Clock, logger: Logger): { context: HandlerContext; outgoing: Outgoing[] } {
  const outgoing: Outgoing[] = [];
  const build = (kind: 'command' | 'event', type: string, data: MessageData, extra: Extra = {}) =>
    createMessage(kind, type, data, { ...extra, source: actor, causedBy: incoming, clock });
  const context: HandlerContext = {
    actor,
    clock,
    logger,
    publish(type, data, options) {
      const message = build('event', type, data, options);
      outgoing.push({ route: 'event', message });
      return message;
    },
    send(service, type, data, options) {
      const message = build('command', type, data, options);
      outgoing.push({ route: 'command', service, message });
      return message;
    },
    sendLater(type, data, due, options = {}) {
      const { kind = 'command', ...extra } = options;
      const message = build(kind, type, data, extra);
      outgoing.push({ route: 'later', message, due: 'delay' in due ? { delay: scaled(clock, due.delay) } : due });
      return message;
    },
  };
  return { context, outgoing };
}
