import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { MetricsRegistry, observeInOpenTelemetry } from '../../../actors/mod.ts';

/** A reader collected on demand, as the SDK's periodic reader does on its timer. */
class OnDemandReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

describe('the registry in OpenTelemetry', () => {
  it('reports its counters and gauges, with their labels, when the SDK collects', async () => {
    const registry = new MetricsRegistry();
    const handled = registry.counter('demo_handled_total', 'Handled.');
    handled.labels({ actor: 'a.b' }).inc(5);
    registry.gauge('demo_in_flight', 'In flight.').labels({ actor: 'a.b' }).set(2);
    registry.collected('demo_connected', 'Connected.', 'gauge', async () => [[{}, 1]]);
    registry.histogram('demo_duration_seconds', 'Prometheus only.', [1]).labels().observe(0.5);
    const reader = new OnDemandReader();
    const provider = new MeterProvider({ readers: [reader] });
    observeInOpenTelemetry(registry, provider.getMeter('test'));

    handled.labels({ actor: 'a.b' }).inc(); // read when collected, not when registered
    const { resourceMetrics } = await reader.collect();
    const points = Object.fromEntries(resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)
      .map((metric) => [metric.descriptor.name, metric.dataPoints.map((point) => [point.attributes, point.value])]));
    expect(points).toEqual({
      demo_handled: [[{ actor: 'a.b' }, 6]],
      demo_in_flight: [[{ actor: 'a.b' }, 2]],
      demo_connected: [[{}, 1]],
    });
    await provider.shutdown();
  });
});
