import { describe, expect, it } from 'vitest';
import { carrierOf, createMessage, encodeMessage, parseTraceparent, readinessOf, telemetrySettings } from '../../../actors/mod.ts';

const traceId = '0af7651916cd43dd8448eb211c80319c';
const spanId = 'b7ad6b7169203331';

describe('W3C trace context', () => {
  it('reads a traceparent and writes it back the same', () => {
    const parsed = parseTraceparent(`00-${traceId}-${spanId}-01`, 'vendor=abc,other=1');
    expect(parsed).toMatchObject({ traceId, spanId, traceFlags: 1, isRemote: true });
    expect(carrierOf(parsed!)).toEqual({ traceparent: `00-${traceId}-${spanId}-01`, tracestate: 'vendor=abc,other=1' });
  });

  it('ignores what is not a valid traceparent (it comes from outside) rather than throwing', () => {
    for (const bad of [undefined, 42, '', 'garbage', `ff-${traceId}-${spanId}-01`, `00-${'0'.repeat(32)}-${spanId}-01`, `00-${traceId}-${'0'.repeat(16)}-01`, `00-${traceId.toUpperCase()}-${spanId}-01`]) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });

  it('travels in the metadata (inherited by caused messages, replaced by the span they are created in) and in the AMQP headers', () => {
    const first = createMessage('command', 'Do', {}, { source: 'edge', metadata: { traceparent: `00-${traceId}-${spanId}-01`, tracestate: 'a=1' } });
    const inherited = createMessage('event', 'Done', {}, { source: 'a.b', causedBy: first });
    expect(inherited.metadata).toMatchObject({ traceparent: `00-${traceId}-${spanId}-01`, tracestate: 'a=1' });
    const created = createMessage('event', 'Done', {}, { source: 'a.b', causedBy: first, trace: { traceparent: `00-${traceId}-1111111111111111-01` } });
    expect(created.metadata.traceparent).toBe(`00-${traceId}-1111111111111111-01`);
    expect(created.metadata.tracestate).toBeUndefined();
    expect(encodeMessage(first).properties.headers).toMatchObject({ traceparent: `00-${traceId}-${spanId}-01`, tracestate: 'a=1' });
    expect(encodeMessage(createMessage('event', 'Plain', {}, { source: 'x' })).properties.headers).not.toHaveProperty('traceparent');
  });
});

describe('the OTEL_* environment', () => {
  it('turns the SDK on only when an exporter or endpoint is named, and off with OTEL_SDK_DISABLED', () => {
    expect(telemetrySettings({})).toEqual({ traces: false, metrics: false });
    expect(telemetrySettings({ OTEL_SERVICE_NAME: 'x' })).toEqual({ traces: false, metrics: false });
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({ traces: true, metrics: false });
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'none' })).toEqual({ traces: false, metrics: false });
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toEqual({ traces: true, metrics: false });
    expect(telemetrySettings({ OTEL_METRICS_EXPORTER: 'otlp' })).toEqual({ traces: false, metrics: true });
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'console', OTEL_SDK_DISABLED: 'true' })).toEqual({ traces: false, metrics: false });
  });
});

describe('readiness', () => {
  it('is ready only when stable, connected and the database answers; each failing check says why', () => {
    expect(readinessOf({ stage: 'stable', brokerConnected: true, database: { ok: true } }).ready).toBe(true);
    expect(readinessOf({ stage: 'stable', brokerConnected: true }).ready).toBe(true);
    const down = readinessOf({ stage: 'subscribe', brokerConnected: false, database: { ok: false, error: 'timeout' } });
    expect(down.ready).toBe(false);
    expect(down.checks.map((check) => check.reason)).toEqual([
      'the actor system is in stage subscribe, not stable', 'the RabbitMQ connection is down', 'Postgres does not answer: timeout',
    ]);
  });
});
