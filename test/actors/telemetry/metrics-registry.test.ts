import { describe, expect, it } from 'vitest';
import { MetricsRegistry, stateText } from '../../../actors/mod.ts';
import { parseExposition, sampleValue } from '../../support/prometheus-text.ts';

describe('the metrics registry', () => {
  it('renders counters, gauges, histograms and collected families in the exposition format', async () => {
    const registry = new MetricsRegistry();
    const handled = registry.counter('demo_handled_total', 'Handled.');
    handled.labels({ actor: 'a.b' }).inc();
    handled.labels({ actor: 'a.b' }).inc(2);
    handled.labels({ actor: 'say "hi"\\\n' }).inc();
    registry.gauge('demo_in_flight', 'In flight.').labels().set(3);
    const duration = registry.histogram('demo_duration_seconds', 'Duration.', [0.1, 1]).labels({ actor: 'a.b' });
    for (const seconds of [0.05, 0.5, 0.7, 5]) duration.observe(seconds);
    registry.collected('demo_connected', 'Connected.', 'gauge', () => [[{}, 1]]);
    registry.collected('demo_broken', 'A collect that fails is left out.', 'gauge', () => { throw new Error('database down'); });

    const text = await registry.render();
    const families = parseExposition(text);
    expect(sampleValue(families, 'demo_handled_total', { actor: 'a.b' })).toBe(3);
    expect(sampleValue(families, 'demo_handled_total', { actor: 'say "hi"\\\n' })).toBe(1);
    expect(sampleValue(families, 'demo_in_flight')).toBe(3);
    expect(sampleValue(families, 'demo_connected')).toBe(1);
    expect(text).toContain('demo_duration_seconds_bucket{actor="a.b",le="0.1"} 1\n');
    expect(text).toContain('demo_duration_seconds_bucket{actor="a.b",le="1"} 3\n');
    expect(text).toContain('demo_duration_seconds_bucket{actor="a.b",le="+Inf"} 4\n');
    expect(text).toContain('demo_duration_seconds_sum{actor="a.b"} 6.25\n');
    expect(text).not.toContain('demo_broken');
  });

  it('refuses a name Prometheus cannot read, and a family registered twice', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('bad-name_total', 'x')).toThrow(/not a Prometheus name/);
    registry.gauge('twice', 'x');
    expect(() => registry.gauge('twice', 'x')).toThrow(/registered twice/);
  });

  it('names a nested XState state value as one label', () => {
    expect(stateText('cooking')).toBe('cooking');
    expect(stateText({ eatFirst: 'paying' })).toBe('eatFirst.paying');
    expect(stateText({ a: { b: 'c' }, d: 'e' })).toBe('a.b.c,d.e');
  });
});
