import type { Delivery } from '../broker/subscription.ts';
import type { Clock } from '../clock/clock.ts';
import { createEvent, type Envelope } from '../envelope/envelope.ts';
import { DeadlineExpiredError } from '../errors/errors.ts';
import { messageLogger, type Logger } from '../logging/logger.ts';
import type { MessageBus } from '../messaging/message-bus.ts';
import { originalOf } from '../messaging/message-bus.ts';
import type { ParkRecord } from '../messaging/park-record.ts';
import { endHandlerSpan, startHandlerSpan, withSpan } from '../telemetry/message-spans.ts';
import type { MailboxMetrics } from '../telemetry/runtime-metrics.ts';
import { activeTracer, carrierOf } from '../telemetry/trace-context.ts';
import type { Span } from '@opentelemetry/api';
import { actorName, defaultRetrySchedule, type ActorDefinition, type HandlerEntry } from './actor-definition.ts';
import { admit, type Admission } from './admission.ts';
import { BatchCollector } from './batch-collector.ts';
import type { Executor, Work, WorkOutcome } from './executor.ts';
import { decideAfterFailure } from './failure-decision.ts';

export interface MailboxWorkerOptions {
  actor: ActorDefinition;
  bus: MessageBus;
  clock: Clock;
  logger: Logger;
  parkedQueue: string;
  executor: Executor;
  /** Messages handled in one transaction; 1 handles each on its own. */
  batchSize: number;
  /** Batches whose transactions may run at once (see `ActorDefinition.concurrentBatches`). */
  concurrentBatches?: number;
  /** The mailbox's counters (`telemetry/runtime-metrics.ts`). */
  metrics: MailboxMetrics;
}

/**
 * Handles deliveries end to end and always settles each: handled and acked, reported
 * (business error), sent to a waiting room for a retry, or parked. Nothing a message
 * contains can crash the consumer (rule 6).
 */
export function createMailboxWorker(options: MailboxWorkerOptions): (delivery: Delivery) => Promise<void> {
  const { actor, bus, clock, logger, executor, metrics } = options;
  const name = actorName(actor);
  const schedule = actor.retry ?? defaultRetrySchedule;

  const park = async (delivery: Delivery, reason: ParkRecord['reason'], error: Error, message: Envelope | undefined) => {
    const attempts = message?.metadata.attempt ?? 1;
    (message ? messageLogger(logger, message) : logger).error({ code: 'DLQ-001', reason, err: error, queue: delivery.queue }, 'message parked');
    try {
      await bus.park(delivery.raw, options.parkedQueue, {
        reason, error, attempts, queue: delivery.queue, at: new Date(clock.now()),
        exchange: originalOf(delivery.raw, 'exchange'), routingKey: originalOf(delivery.raw, 'routingKey'),
      });
      metrics.parked(reason).inc();
      delivery.ack();
    } finally {
      metrics.inFlight.dec();
    }
  };

  const settle = async (work: Work, outcome: WorkOutcome) => {
    const { delivery, message, span } = work;
    if (outcome.ok) {
      metrics.handled.inc();
      metrics.inFlight.dec();
      if (span) endHandlerSpan(span, 'handled');
      return delivery.ack();
    }
    const { error } = outcome;
    metrics.failed.inc();
    const decision = decideAfterFailure(error, message.metadata.attempt, schedule, clock);
    // The retry, park or error event is published inside the handler's span: its child.
    const outcomeOf = { park: 'parked', retry: 'retried', report: 'rejected' } as const;
    try {
      await withSpan(span, async () => {
        if (decision.action === 'park') return park(delivery, 'retries-exhausted', error, message);
        const log = messageLogger(logger, message);
        try {
          if (decision.action === 'retry') {
            log.warn({ err: error, delay: decision.delay, nextAttempt: decision.nextAttempt }, 'handler failed; retrying later');
            await bus.retryLater(delivery.raw, delivery.queue, decision.delay, decision.nextAttempt);
            metrics.retried.inc();
          } else {
            log.info({ errorClass: error.name, reason: error.message }, 'business rule refused the message');
            await bus.publish(actor.landscape, errorEvent(message, error, name, clock, span));
          }
          delivery.ack();
        } finally {
          metrics.inFlight.dec();
        }
      });
    } finally {
      if (span) endHandlerSpan(span, outcomeOf[decision.action], error);
    }
  };

  /** Runs a batch through the executor, timed (the handler duration and batch size metrics). */
  const run = async (works: Work[], release?: () => void): Promise<WorkOutcome[]> => {
    const started = performance.now();
    const outcomes = await executor(works, release);
    metrics.duration.observe((performance.now() - started) / 1000);
    metrics.batchSize.observe(works.length);
    return outcomes;
  };

  /**
   * Checks each delivery in arrival order, runs the admitted ones as one batch, settles all.
   * `release` lets the next batch start once this one committed (see BatchCollector).
   */
  const process = async (deliveries: Delivery[], release?: () => void): Promise<void[]> => {
    const works: Work[] = [];
    const settled: Array<Promise<void>> = [];
    for (const delivery of deliveries) {
      const admitted = admit(delivery.raw, actor, clock, bus.signer);
      const admission = admitted instanceof Promise ? await admitted : admitted;
      if (admission.verdict === 'park') settled.push(park(delivery, admission.reason, admission.error, admission.message));
      else if (admission.verdict === 'expired') settled.push(expire(delivery, admission.message));
      else works.push(workOf(delivery, admission.message, admission.entry, name));
    }
    if (works.length > 0) {
      const outcomes = await run(works, release);
      works.forEach((work, i) => settled.push(settle(work, outcomes[i]!)));
    }
    return Promise.all(settled);
  };

  /** Past its deadline (rule 8): not handled; the actor may emit a timeout; parked as a record. */
  const expire = async (delivery: Delivery, message: Envelope) => {
    messageLogger(logger, message).warn({ code: 'DEADLINE-001', deadline: message.metadata.deadline }, 'message past its deadline not processed');
    const tracer = activeTracer();
    if (tracer) endHandlerSpan(startHandlerSpan(tracer, message, name, delivery.queue, delivery.raw.properties.headers), 'expired');
    if (actor.onDeadlineExpired) {
      const [outcome] = await executor([{ delivery, message, handle: actor.onDeadlineExpired }]);
      if (outcome && !outcome.ok) messageLogger(logger, message).error({ err: outcome.error }, 'deadline handler failed');
    }
    await park(delivery, 'deadline-expired', new DeadlineExpiredError(`deadline ${message.metadata.deadline} passed`), message);
  };

  /** `process([delivery])` without its arrays and `Promise.all`: the unbatched path runs per delivery. */
  const processOne = async (delivery: Delivery): Promise<void> => {
    const admitted = admit(delivery.raw, actor, clock, bus.signer);
    const admission = admitted instanceof Promise ? await admitted : admitted;
    if (admission.verdict === 'park') return park(delivery, admission.reason, admission.error, admission.message);
    if (admission.verdict === 'expired') return expire(delivery, admission.message);
    const work = workOf(delivery, admission.message, admission.entry, name);
    const [outcome] = await run([work]);
    return settle(work, outcome!);
  };

  // Every delivery is counted in flight here, once, and out where it is settled (`settle`, `park`).
  const counted = (handle: (delivery: Delivery) => Promise<void>) => (delivery: Delivery): Promise<void> => {
    metrics.inFlight.inc();
    return handle(delivery);
  };
  if (actor.orderKey) {
    const keyed = new BatchCollector<KeyedWork, WorkOutcome>(options.batchSize, (items, release) => run(items.map((item) => item.work), release),
      options.concurrentBatches ?? 1, (item) => item.key);
    const route = (delivery: Delivery, admission: Admission): Promise<void> => {
      if (admission.verdict === 'park') return park(delivery, admission.reason, admission.error, admission.message);
      if (admission.verdict === 'expired') return expire(delivery, admission.message);
      const work = workOf(delivery, admission.message, admission.entry, name);
      return keyed.add({ work, key: keyOf(actor.orderKey!, admission.message, logger) }).then((outcome) => settle(work, outcome));
    };
    return counted(inArrivalOrder(actor, clock, bus, route));
  }
  if (options.batchSize <= 1) return counted(processOne);
  const batches = new BatchCollector<Delivery, void>(options.batchSize, async (deliveries, release) => {
    await process(deliveries, release);
    return deliveries.map(() => undefined);
  }, options.concurrentBatches ?? 1);
  return counted((delivery) => batches.add(delivery));
}

/** A work with its actor's order key (`ActorDefinition.orderKey`). */
interface KeyedWork {
  work: Work;
  key: string | undefined;
}

/** The message's order key; a key function that throws orders nothing (the handler then judges the message). */
function keyOf(orderKey: (message: Envelope) => string | undefined, message: Envelope, logger: Logger): string | undefined {
  try {
    return orderKey(message);
  } catch (error) {
    messageLogger(logger, message).warn({ err: error }, 'order key could not be read; handled without an order');
    return undefined;
  }
}

/**
 * Admits each delivery and hands it to `route` in arrival order, even when an admission
 * waits (a signature or an async schema): the order per key is decided by the order `route`
 * sees. Without a pending admission a delivery is routed at once.
 */
function inArrivalOrder(actor: ActorDefinition, clock: Clock, bus: MessageBus, route: (delivery: Delivery, admission: Admission) => Promise<void>): (delivery: Delivery) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;
  return (delivery) => {
    const admitted = admit(delivery.raw, actor, clock, bus.signer);
    if (!(admitted instanceof Promise) && pending === 0) return route(delivery, admitted);
    pending += 1;
    let done: Promise<void> = Promise.resolve();
    const routed = queue.then(() => admitted).then((admission) => {
      pending -= 1;
      done = route(delivery, admission);
    }, (error: unknown) => {
      pending -= 1;
      throw error;
    });
    queue = routed.catch(() => {});
    return routed.then(() => done);
  };
}

/** A delivery admitted to its handler entry, as the executor runs it (with its span when tracing). */
function workOf(delivery: Delivery, message: Envelope, entry: HandlerEntry, actor: string): Work {
  const work: Work = { delivery, message, handle: entry.handle };
  if (entry.handleBatch) work.handleBatch = entry.handleBatch;
  if (entry.prepare) work.prepare = entry.prepare;
  const tracer = activeTracer();
  if (tracer) work.span = startHandlerSpan(tracer, message, actor, delivery.queue, delivery.raw.properties.headers);
  return work;
}

/** The `Error` event routed back to the originating session (common spec, SSE). */
export function errorEvent(message: Envelope, error: Error, source: string, clock: Clock, span?: Span): Envelope {
  return createEvent('Error', {
    errorClass: error.name,
    message: error.message,
    originalType: message.type,
    originalId: message.id,
  }, { source, causedBy: message, clock, ...(span ? { trace: carrierOf(span) } : {}) });
}
