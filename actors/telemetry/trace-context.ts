import { createTraceState, ProxyTracerProvider, ROOT_CONTEXT, trace, TraceFlags, type Context, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';

/** The runtime's instrumentation scope, as exporters show it. */
export const instrumentationName = 'milk-factory/actors';

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/) as it travels with a message: in
 * the envelope's metadata and mirrored in AMQP headers of the same names, so a message
 * keeps its trace through the outbox, the waiting rooms and the dead-letter office.
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** Header and metadata names (the W3C ones, so other tools read them). */
export const traceHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

/**
 * The tracer of a registered OpenTelemetry SDK, or undefined while none is: then the
 * runtime does no tracing work at all (no span objects, no header), which keeps the
 * message path as fast as without tracing. Asked each time (a cheap lookup), so an SDK
 * registered or disabled later is followed.
 */
export function activeTracer(): Tracer | undefined {
  const provider = trace.getTracerProvider();
  if (provider instanceof ProxyTracerProvider) return provider.getDelegateTracer(instrumentationName);
  return provider.getTracer(instrumentationName);
}

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const maxTracestate = 512;

/** A remote parent from a carrier; undefined when it has none or it is malformed (never throws: it came from outside). */
export function parentContext(carrier: TraceCarrier | undefined): Context | undefined {
  const spanContext = parseTraceparent(carrier?.traceparent, carrier?.tracestate);
  return spanContext ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : undefined;
}

export function parseTraceparent(traceparent: unknown, tracestate?: unknown): SpanContext | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const match = traceparentPattern.exec(traceparent.trim());
  if (!match || match[1] === 'ff' || /^0+$/.test(match[2]!) || /^0+$/.test(match[3]!)) return undefined;
  const spanContext: SpanContext = { traceId: match[2]!, spanId: match[3]!, traceFlags: parseInt(match[4]!, 16) & TraceFlags.SAMPLED, isRemote: true };
  if (typeof tracestate === 'string' && tracestate.length > 0 && tracestate.length <= maxTracestate) spanContext.traceState = createTraceState(tracestate);
  return spanContext;
}

/** The carrier naming `span` as the parent of what comes next. */
export function carrierOf(span: Span | SpanContext): TraceCarrier {
  const context = 'spanContext' in span ? span.spanContext() : span;
  const carrier: TraceCarrier = {
    traceparent: `00-${context.traceId}-${context.spanId}-0${(context.traceFlags & TraceFlags.SAMPLED).toString(16)}`,
  };
  const state = context.traceState?.serialize();
  if (state) carrier.tracestate = state;
  return carrier;
}
