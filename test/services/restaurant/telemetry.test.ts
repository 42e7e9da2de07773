import { context, trace, SpanKind } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testInternals } from '../../../actors/testing.ts';
import { amqpUrl } from '../../support/environment.ts';
import { parseExposition, sampleSum, sampleValue } from '../../support/prometheus-text.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { eventually } from '../../support/wait.ts';
import { restaurantEdge, withoutAlarms, type Message } from './restaurant-edge.ts';

// The SDK as a user registers it, with the in-memory exporter: every span the runtime and the
// gateway make ends up in `exporter`.
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const contextManager = new AsyncLocalStorageContextManager().enable();

let r: Awaited<ReturnType<typeof restaurantEdge>>;
// The broker through a proxy, so one test can take it away while a request commits to the outbox.
let proxy: TcpProxy;
beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager);
  proxy = await TcpProxy.toBroker(amqpUrl());
  r = await restaurantEdge('restaurant-telemetry', {}, { allowForcedErrors: true, amqpUrl: proxy.url(amqpUrl()) });
});
afterAll(async () => {
  proxy?.restore();
  await r?.edge.cleanup();
  await proxy?.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
});

const traceIdOf = (span: ReadableSpan) => span.spanContext().traceId;
const idOf = (span: ReadableSpan) => span.attributes['messaging.message.id'];

/** The spans of one REST call's trace, once every message of its order has been handled (alarm included). */
async function orderTrace(headers: Record<string, string> = {}) {
  const { orderId, correlationId } = await r.edge.expect<{ orderId: string; correlationId: string }>(202, 'POST', '/api/restaurant/orders', {
    body: { tableNumber: 4, items: [{ item: 'pancake', quantity: 2 }] }, headers,
  });
  await r.untilStatus(orderId, ['finished']);
  // The alarm rings 10 s (scaled) after the order: its messages are part of the flow too.
  const messages = await eventually(async () => {
    const all = await r.messages(orderId);
    return all.some((m) => m.type === 'CookingTimedOut') ? all : undefined;
  }, 20_000, 'the alarm rang');
  const spans = await eventually(async () => {
    const finished = exporter.getFinishedSpans();
    // Every message handled, and its handling's span ended (spans end after the ack).
    return messages.every((m) => finished.some((s) => s.kind === SpanKind.CONSUMER && idOf(s) === m.id)) ? finished : undefined;
  }, 10_000, 'every message handled in a span');
  const rest = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['messaging.message.conversation_id'] === correlationId);
  expect(rest, 'the REST call has a span').toBeDefined();
  const inTrace = spans.filter((s) => traceIdOf(s) === traceIdOf(rest!));
  return { orderId, correlationId, messages, spans, rest: rest!, inTrace };
}

describe('tracing a restaurant order (OpenTelemetry, in-memory exporter)', () => {
  it('puts one REST call and every message it caused — each hop, each orchestrator step, the alarm through the waiting rooms — in one trace', async () => {
    exporter.reset();
    const { correlationId, messages, spans, rest, inTrace } = await orderTrace();
    expect(rest.name).toBe('POST /api/restaurant/orders');
    expect(rest.attributes).toMatchObject({ 'http.route': '/api/restaurant/orders', 'http.response.status_code': 202 });
    expect(rest.parentSpanContext).toBeUndefined();
    // More than the order's own messages: the kitchen's dispatch to a cook and the durable timer are hops too.
    expect(messages.length).toBeGreaterThanOrEqual(9);
    for (const message of messages) {
      const published = inTrace.filter((s) => s.kind === SpanKind.PRODUCER && idOf(s) === message.id);
      expect(published.length, `${message.type} published in the trace`).toBeGreaterThanOrEqual(1);
      const handled = inTrace.filter((s) => s.kind === SpanKind.CONSUMER && idOf(s) === message.id);
      expect(handled.length, `${message.type} handled in the trace`).toBeGreaterThanOrEqual(1);
      expect(handled[0]!.attributes).toMatchObject({ 'messaging.message.conversation_id': correlationId, 'message.attempt': 1, 'message.outcome': 'handled' });
      // The order's listing shows the durable timer as the alarm it rings (CookingTimedOut).
      if (message.type !== 'CookingTimedOut') expect(handled[0]!.attributes['message.type']).toBe(message.type);
      expect(String(handled[0]!.attributes['actor.name'])).toMatch(/^restaurant\./);
    }
    // Nothing of this order's flow is in another trace.
    const ofFlow = spans.filter((s) => s.attributes['messaging.message.conversation_id'] === correlationId);
    expect(ofFlow.every((s) => traceIdOf(s) === traceIdOf(rest))).toBe(true);
    // One tree: every span's parent is a span of the trace, up to the REST call (across every broker hop).
    const ids = new Set(inTrace.map((s) => s.spanContext().spanId));
    for (const span of inTrace.filter((s) => s !== rest)) {
      expect(ids.has(span.parentSpanContext?.spanId ?? ''), `${span.name}'s parent is in the trace`).toBe(true);
    }
    // A consumer's parent is the publish that brought the message (the hop is linked, not just the same trace id).
    const consumer = inTrace.find((s) => s.kind === SpanKind.CONSUMER && s.attributes['message.type'] === 'TakePayment')!;
    const parent = inTrace.find((s) => s.spanContext().spanId === consumer.parentSpanContext?.spanId)!;
    expect(parent).toMatchObject({ kind: SpanKind.PRODUCER, name: 'publish TakePayment' });
    // The process manager's steps, and the alarm scheduled through the waiting rooms.
    const steps = inTrace.filter((s) => s.name.startsWith('step '));
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.some((s) => s.attributes['orchestrator.state.after'] === 'finished' || String(s.attributes['orchestrator.state.after']).includes('finished'))).toBe(true);
    expect(inTrace.some((s) => s.name === 'schedule actors.timer')).toBe(true);
    expect(withoutAlarms(messages as Message[]).length).toBeLessThan(messages.length);
  });

  it('continues the caller\'s trace (traceparent) and a retried message\'s trace through the waiting rooms', async () => {
    exporter.reset();
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const { inTrace, rest, messages } = await orderTrace({
      traceparent: `00-${callerTrace}-00f067aa0ba902b7-01`,
      'x-force-error': 'technical@restaurant.cashier',
    });
    expect(traceIdOf(rest)).toBe(callerTrace);
    expect(rest.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    const payment = messages.find((m) => m.type === 'TakePayment')!;
    const attempts = inTrace.filter((s) => s.kind === SpanKind.CONSUMER && idOf(s) === payment.id)
      .sort((a, b) => Number(a.attributes['message.attempt']) - Number(b.attributes['message.attempt']));
    expect(attempts.map((s) => [s.attributes['message.attempt'], s.attributes['message.outcome']])).toEqual([[1, 'retried'], [2, 'handled']]);
    expect(attempts[0]!.status.code).toBe(2); // ERROR: the technical failure is recorded
    const retry = inTrace.find((s) => s.name === 'retry' && s.attributes['messaging.message.id'] === payment.id);
    expect(retry?.parentSpanContext?.spanId).toBe(attempts[0]!.spanContext().spanId);
  });
});

describe('tracing through the outbox while the broker is away', () => {
  it('keeps a request committed without a broker in its trace: its messages, published once the broker is back, and all they cause', async () => {
    exporter.reset();
    proxy.cut();
    await eventually(() => !testInternals(r.edge.system).broker.connected, 10_000, 'the system to notice the broker is gone');
    const { orderId, correlationId } = await r.order();
    proxy.restore();
    await r.untilStatus(orderId, ['finished', 'gave-up'], 40_000);
    const messages = await r.messages(orderId);
    const spans = await eventually(async () => {
      const finished = exporter.getFinishedSpans();
      return messages.every((m) => finished.some((s) => s.kind === SpanKind.CONSUMER && idOf(s) === m.id)) ? finished : undefined;
    }, 10_000, 'every message handled in a span');
    const rest = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes['messaging.message.conversation_id'] === correlationId)!;
    expect(rest.attributes['http.response.status_code']).toBe(202); // answered at commit, the broker still away
    const ofFlow = spans.filter((s) => s.attributes['messaging.message.conversation_id'] === correlationId);
    expect(ofFlow.length).toBeGreaterThan(2 * messages.length - 1);
    expect(ofFlow.filter((s) => traceIdOf(s) !== traceIdOf(rest)).map((s) => s.name)).toEqual([]);
    const placed = ofFlow.find((s) => s.name === 'publish OrderPlaced')!;
    expect(placed.parentSpanContext?.spanId).toBe(rest.spanContext().spanId);
  });
});

describe('GET /metrics after traffic', () => {
  it('is valid exposition text whose counters moved with the orders', async () => {
    const scrape = async () => {
      const response = await fetch(r.edge.url('/metrics'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseExposition(await response.text());
    };
    const before = await scrape();
    const { orderId } = await r.order();
    await r.untilStatus(orderId, ['finished']);
    const after = await eventually(async () => {
      const scraped = await scrape();
      return (sampleValue(scraped, 'actors_messages_handled_total', { actor: 'restaurant.cashier' }) ?? 0) > (sampleValue(before, 'actors_messages_handled_total', { actor: 'restaurant.cashier' }) ?? 0) ? scraped : undefined;
    }, 10_000, 'the cashier counted');

    for (const actor of ['restaurant.waiter', 'restaurant.process-manager', 'restaurant.assistant-manager']) {
      expect(sampleValue(after, 'actors_messages_handled_total', { actor }), actor).toBeGreaterThan(sampleValue(before, 'actors_messages_handled_total', { actor }) ?? 0);
    }
    // The forced technical failure of the earlier test: failed once, retried once.
    expect(sampleValue(after, 'actors_messages_failed_total', { actor: 'restaurant.cashier' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'actors_messages_retried_total', { actor: 'restaurant.cashier' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'actors_messages_in_flight', { actor: 'restaurant.cashier' })).toBe(0);
    expect(sampleSum(after, 'actors_orchestrator_transitions_total')).toBeGreaterThan(sampleSum(before, 'actors_orchestrator_transitions_total'));
    expect(sampleSum(after, 'actors_orchestrator_instances', { state: 'finished' })).toBeGreaterThanOrEqual(3);
    expect(sampleValue(after, 'actors_outbox_pending_messages')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(after, 'actors_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(after, 'actors_broker_connected')).toBe(1);
    expect(sampleValue(after, 'gateway_sse_open_streams')).toBe(0);
    expect(sampleValue(after, 'http_server_requests_total', { method: 'POST', route: '/api/restaurant/orders', status: '202' })).toBeGreaterThan(sampleValue(before, 'http_server_requests_total', { method: 'POST', route: '/api/restaurant/orders', status: '202' }) ?? 0);
    expect(after.find((f) => f.name === 'actors_handler_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(after.find((f) => f.name === 'actors_batch_size_messages')?.type).toBe('HISTOGRAM');
  });
});
