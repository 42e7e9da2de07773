import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { activeTracer, carrierOf, parentContext } from '../../actors/mod.ts';
import type { GatewayEnv } from '../request-flow.ts';
import type { HttpMetrics } from './http-metrics.ts';

/** Paths neither traced nor counted: probes and scrapes would drown the requests people make. */
const quiet = new Set(['/metrics', '/livez', '/readyz', '/api/health']);

/**
 * A SERVER span per REST request (while an OpenTelemetry SDK is registered), continuing the
 * caller's `traceparent` when it sends one; its context goes into the request's flow
 * metadata, so every message the request causes, and every message those cause, is in
 * the same trace. Counts the request in the HTTP metrics either way. Runs after
 * `requestFlow` (it reads the flow). SSE streams are not traced: a span lasting as long as
 * a browser tab is open says nothing.
 */
export function traceRequests(metrics: HttpMetrics): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (quiet.has(path)) return next();
    const started = performance.now();
    const tracer = path.endsWith('/stream') ? undefined : activeTracer();
    if (!tracer) {
      await next();
      metrics.observe(c.req.method, routeOf(c), c.res.status, (performance.now() - started) / 1000);
      return;
    }
    // The caller's context, else the active one (an HTTP instrumentation's server span, if a user added one).
    const parent = parentContext({ traceparent: c.req.header('traceparent'), tracestate: c.req.header('tracestate') }) ?? context.active();
    const span = tracer.startSpan(`${c.req.method} ${path}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': c.req.method, 'url.path': path, 'http.request.id': c.get('requestId') },
    }, parent);
    const flow = c.get('flow');
    flow.metadata = { ...flow.metadata, ...carrierOf(span) };
    span.setAttribute('messaging.message.conversation_id', flow.correlationId);
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = routeOf(c);
      const status = c.res.status;
      span.updateName(`${c.req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      metrics.observe(c.req.method, route, status, (performance.now() - started) / 1000);
    }
  };
}

/** The route as registered (`/api/restaurant/orders/:id`), so labels stay few; `unmatched` for a 404 with no route. */
function routeOf(c: Parameters<MiddlewareHandler>[0]): string {
  const route = routePath(c); // after `next()`: the route whose handler answered
  return route === '*' || route === '/*' || route === '' ? 'unmatched' : route;
}
