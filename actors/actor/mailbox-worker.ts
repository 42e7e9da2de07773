import type { Delivery } from '../broker/subscription.ts';
import type { Clock } from '../clock/clock.ts';
import { decodeMessage } from '../envelope/codec.ts';
import { createEvent, isPastDeadline, type Envelope } from '../envelope/envelope.ts';
import { validateData } from '../envelope/validate.ts';
import { DeadlineExpiredError, MalformedMessageError, toError } from '../errors/errors.ts';
import { messageLogger, type Logger } from '../logging/logger.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { originalOf } from '../messaging/message-bus.ts';
import type { ParkRecord } from '../messaging/park-record.ts';
import { actorName, defaultRetrySchedule, entryFor, type ActorDefinition, type MessageHandler } from './actor-definition.ts';
import { decideAfterFailure } from './failure-decision.ts';
import { forcedError } from './forced-error.ts';
import { createHandlerContext, type Outgoing } from './handler-context.ts';

export interface MailboxWorkerOptions {
  actor: ActorDefinition;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  parkedQueue: string;
  allowForcedErrors: boolean;
}

/**
 * Handles one delivery end to end and always settles it: handled and acked, reported
 * (business error), sent to a waiting room for a retry, or parked. Nothing a message
 * contains can crash the consumer (rule 6).
 */
export function createMailboxWorker(options: MailboxWorkerOptions): (delivery: Delivery) => Promise<void> {
  const { actor, bus, clock, logger } = options;
  const name = actorName(actor);
  const schedule = actor.retry ?? defaultRetrySchedule;

  const park = async (delivery: Delivery, reason: ParkRecord['reason'], error: Error, attempts: number, log: Logger) => {
    log.error({ code: 'DLQ-001', reason, err: error, queue: delivery.queue }, 'message parked');
    await bus.park(delivery.raw, options.parkedQueue, {
      reason, error, attempts, queue: delivery.queue, at: new Date(clock.now()),
      exchange: originalOf(delivery.raw, 'exchange'), routingKey: originalOf(delivery.raw, 'routingKey'),
    });
    delivery.ack();
  };

  const run = async (handle: MessageHandler, message: Envelope, log: Logger, queue: string) => {
    const { context, outgoing } = createHandlerContext(name, message, clock, log);
    await handle(message, context);
    // Most handlers emit nothing: then no Promise.all and no extra await per message.
    if (outgoing.length > 0) await Promise.all(outgoing.map((out) => dispatch(bus, actor, out, queue)));
  };

  return async (delivery) => {
    const decoded = decodeMessage(delivery.raw);
    if (!decoded.ok) return park(delivery, 'malformed', new MalformedMessageError(decoded.reason), 1, logger);
    let message = decoded.message;
    const log = lazyMessageLogger(logger, message);
    const attempt = message.metadata.attempt;

    const entry = entryFor(actor, message);
    if (!entry) return park(delivery, 'unknown-type', new MalformedMessageError(`${name} does not handle ${message.kind} ${message.type}`), attempt, log);
    if (entry.schema) {
      const validated = await validateData(entry.schema, message.data);
      if (!validated.ok) {
        const detail = validated.issues.map((i) => `${i.path || '(data)'}: ${i.message}`).join('; ');
        return park(delivery, 'invalid', new MalformedMessageError(`${message.type} data is invalid: ${detail}`), attempt, log);
      }
      message = { ...message, data: validated.value };
    }

    if (isPastDeadline(message, clock.now())) {
      log.warn({ code: 'DEADLINE-001', deadline: message.metadata.deadline }, 'message past its deadline not processed');
      if (actor.onDeadlineExpired) {
        await run(actor.onDeadlineExpired, message, log, delivery.queue)
          .catch((error: unknown) => log.error({ err: error }, 'deadline handler failed'));
      }
      return park(delivery, 'deadline-expired', new DeadlineExpiredError(`deadline ${message.metadata.deadline} passed`), attempt, log);
    }

    try {
      const forced = options.allowForcedErrors ? forcedError(message, name) : undefined;
      if (forced) throw forced;
      await run(entry.handle, message, log, delivery.queue);
    } catch (thrown) {
      const error = toError(thrown);
      const decision = decideAfterFailure(error, attempt, schedule, clock);
      if (decision.action === 'park') return park(delivery, 'retries-exhausted', error, attempt, log);
      if (decision.action === 'retry') {
        log.warn({ err: error, delay: decision.delay, nextAttempt: decision.nextAttempt }, 'handler failed; retrying later');
        await bus.retryLater(delivery.raw, delivery.queue, decision.delay, decision.nextAttempt);
      } else {
        log.info({ errorClass: error.name, reason: error.message }, 'business rule refused the message');
        await bus.publish(actor.landscape, errorEvent(message, error, name, clock));
      }
    }
    delivery.ack();
  };
}

interface LazyLogger {
  base: Logger;
  message: Envelope;
  child?: Logger;
}

/** Forwards to the message's child logger, made on the first use. One handler for all messages. */
const lazyLoggerHandler: ProxyHandler<LazyLogger> = {
  get(lazy, key) {
    const child = (lazy.child ??= messageLogger(lazy.base, lazy.message));
    const value: unknown = Reflect.get(child, key, child);
    return typeof value === 'function' ? value.bind(child) : value;
  },
  set(lazy, key, value) {
    return Reflect.set((lazy.child ??= messageLogger(lazy.base, lazy.message)), key, value);
  },
};

/**
 * The message's child logger (rule 14), made only when something logs: pino serialises a
 * child's bindings when it is created, and most messages are handled without a log line.
 */
function lazyMessageLogger(base: Logger, message: Envelope): Logger {
  return new Proxy<LazyLogger>({ base, message }, lazyLoggerHandler) as unknown as Logger;
}

function dispatch(bus: MessageBus, actor: ActorDefinition, out: Outgoing, ownQueue: string): Promise<void> {
  switch (out.route) {
    case 'event': return bus.publish(actor.landscape, out.message);
    case 'command': return bus.send(actor.landscape, out.service, out.message);
    case 'later': return bus.sendLater(out.message, ownQueue, out.due);
  }
}

/** The `Error` event routed back to the originating session (common spec, SSE). */
export function errorEvent(message: Envelope, error: Error, source: string, clock: Clock): Envelope {
  return createEvent('Error', {
    errorClass: error.name,
    message: error.message,
    originalType: message.type,
    originalId: message.id,
  }, { source, causedBy: message, clock });
}
