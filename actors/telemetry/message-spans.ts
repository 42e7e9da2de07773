import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import type { Envelope } from '../envelope/envelope.ts';
import { carrierOf, parentContext, traceHeaders, type TraceCarrier } from './trace-context.ts';

/** What became of a handled message, as its span and the mailbox metrics say it. */
export type HandlingOutcome = 'handled' | 'retried' | 'parked' | 'rejected' | 'expired';

/** The trace context a message carries: its metadata (the cause's, kept through the outbox and waiting rooms). */
export function messageCarrier(message: Envelope): TraceCarrier | undefined {
  const { traceparent, tracestate } = message.metadata;
  if (typeof traceparent !== 'string') return undefined;
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
}

/**
 * The attributes a message's spans share. Few on purpose: the SDK copies and checks each one
 * per span (12 attributes cost about twice as much as 4), the type is in the span's name,
 * and the causation is the span's parent.
 */
function messageAttributes(message: Envelope): Attributes {
  return {
    'messaging.system': 'rabbitmq',
    'messaging.message.id': message.id,
    'messaging.message.conversation_id': message.metadata.correlationId,
  };
}

/**
 * A PRODUCER span around one publish, ended at the broker's confirm. Its parent is the
 * context the message was created in (its metadata); the AMQP header `traceparent` names
 * this span, so the consumer's span is its child: the trace crosses the broker hop.
 * `headers` are the publish's AMQP headers (not signed), changed in place.
 */
export function tracePublish(
  tracer: Tracer, message: Envelope, destination: { exchange: string; routingKey: string; operation?: string },
  headers: Record<string, unknown>, publish: () => Promise<void>,
): Promise<void> {
  const operation = destination.operation ?? 'publish';
  const span = tracer.startSpan(`${operation} ${message.type}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      ...messageAttributes(message),
      'messaging.destination.name': destination.exchange || '(default)',
      'messaging.rabbitmq.destination.routing_key': destination.routingKey,
    },
  }, parentContext(messageCarrier(message)) ?? context.active());
  const carrier = carrierOf(span);
  headers[traceHeaders.traceparent] = carrier.traceparent;
  if (carrier.tracestate) headers[traceHeaders.tracestate] = carrier.tracestate;
  return ended(span, publish);
}

/**
 * A PRODUCER span for re-publishing a delivery (to a waiting room, the parked queue): its
 * parent is the active span (the handler's that failed), else the delivery's header
 * context. The header is left as it was, so the message, when it comes back, continues
 * the trace it was in.
 */
export function traceRepublish(tracer: Tracer, operation: string, headers: Record<string, unknown> | undefined, attributes: Attributes, publish: () => Promise<void>): Promise<void> {
  const parent = trace.getSpan(context.active()) ? context.active()
    : parentContext({ traceparent: headers?.[traceHeaders.traceparent] as string, tracestate: headers?.[traceHeaders.tracestate] as string });
  const span = tracer.startSpan(operation, { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'rabbitmq', ...attributes } }, parent ?? ROOT_CONTEXT);
  return ended(span, publish);
}

async function ended(span: Span, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A CONSUMER span for one handled delivery: from admission to its settlement (ack, retry,
 * park). The parent is the publish that brought it (the AMQP header), else the context in
 * its metadata, so a message retried from a waiting room continues the same trace.
 */
export function startHandlerSpan(tracer: Tracer, message: Envelope, actor: string, queue: string, headers: Record<string, unknown> | undefined): Span {
  const fromHeader = headers?.[traceHeaders.traceparent];
  const parent = typeof fromHeader === 'string'
    ? parentContext({ traceparent: fromHeader, tracestate: headers?.[traceHeaders.tracestate] as string })
    : parentContext(messageCarrier(message));
  return tracer.startSpan(`handle ${message.type}`, {
    kind: SpanKind.CONSUMER,
    attributes: {
      ...messageAttributes(message),
      'message.type': message.type,
      'message.attempt': message.metadata.attempt,
      'messaging.destination.name': queue,
      'actor.name': actor,
    },
  }, parent ?? ROOT_CONTEXT);
}

/** Ends a handler span with its outcome (and the error when it failed). */
export function endHandlerSpan(span: Span, outcome: HandlingOutcome, error?: Error): void {
  span.setAttribute('message.outcome', outcome);
  if (error) {
    span.recordException(error);
    // A business rule refusing a message is an answer, not an error of the system.
    if (outcome !== 'rejected') span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  }
  span.end();
}

/** Runs `work` with `span` as the active span, so spans started inside (an orchestrator step, a driver's) are its children. */
export function withSpan<T>(span: Span | undefined, work: () => T): T {
  return span ? context.with(trace.setSpan(context.active(), span), work) : work();
}
