import { MetricsRegistry, secondsBuckets, type Counter, type Histogram } from '../../actors/mod.ts';

/**
 * The edge's own metrics: requests by method, route and status, their duration, and the
 * open SSE streams (read when scraped). A registry of its own, since the gateway serves
 * before the actor system runs; `/metrics` renders both.
 */
export class HttpMetrics {
  readonly registry = new MetricsRegistry();
  readonly #requests = this.registry.counter('http_server_requests_total', 'HTTP requests answered, per method, route and status.');
  readonly #duration = this.registry.histogram('http_server_request_duration_seconds', 'Time to answer an HTTP request (an SSE stream: to its first byte), per method and route.', secondsBuckets);
  readonly #counters = new Map<string, Counter>();
  readonly #histograms = new Map<string, Histogram>();

  constructor(openStreams: () => number) {
    this.registry.collected('gateway_sse_open_streams', 'Server-Sent Event streams open now, over all landscapes.', 'gauge', () => [[{}, openStreams()]]);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    const countKey = `${key} ${status}`;
    let counter = this.#counters.get(countKey);
    if (!counter) this.#counters.set(countKey, counter = this.#requests.labels({ method, route, status: String(status) }));
    counter.inc();
    let histogram = this.#histograms.get(key);
    if (!histogram) this.#histograms.set(key, histogram = this.#duration.labels({ method, route }));
    histogram.observe(seconds);
  }
}
