import { metrics, type Meter } from '@opentelemetry/api';
import type { MetricsRegistry } from './metrics-registry.ts';
import { instrumentationName } from './trace-context.ts';

/**
 * Publishes a registry's counters and gauges as OpenTelemetry observable instruments, read
 * when the SDK's metric reader collects (`OTEL_METRICS_EXPORTER`): the same figures as
 * `/metrics`, one source. Counter names lose `_total` (OpenTelemetry's convention; its
 * Prometheus exporter adds it back). Histograms stay Prometheus-only: OpenTelemetry has no
 * observable histogram. Without a registered MeterProvider this registers no-ops.
 */
export function observeInOpenTelemetry(registry: MetricsRegistry, meter: Meter = metrics.getMeter(instrumentationName)): void {
  for (const family of registry.readable()) {
    const name = family.kind === 'counter' ? family.name.replace(/_total$/, '') : family.name;
    const instrument = family.kind === 'counter'
      ? meter.createObservableCounter(name, { description: family.help })
      : meter.createObservableGauge(name, { description: family.help });
    instrument.addCallback(async (result) => {
      try {
        for (const [labels, value] of await family.read()) result.observe(value, labels);
      } catch {
        // as on /metrics: a family whose source fails (the database) is left out of this collection
      }
    });
  }
}
