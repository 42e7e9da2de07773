import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { createLogger, type ActorSystem, type Logger, type MetricsRegistry, type Waiting } from '../actors/mod.ts';
import type { LandscapeDeps, LandscapeModule, Mount } from './landscape.ts';
import { identifyLandscape, mountLandscape } from './landscape.ts';
import { mountApiDescriptions } from './api-docs/api-docs-routes.ts';
import { problem, problemResponse } from './problem.ts';
import { SystemUnavailableError, problemFor } from './problem-mapping.ts';
import { flowOf, requestFlow, type GatewayEnv } from './request-flow.ts';
import { refuseUnsafeText } from './safe-text.ts';
import { commonSecurityHeaders, withHeaders } from './security-headers.ts';
import { EventHub } from './sse/event-hub.ts';
import { defaultReplayBounds, type ReplayBounds } from './sse/replay-buffer.ts';
import { StreamLimits, defaultStreamBounds, type StreamBounds } from './sse/stream-limits.ts';
import { streamRoute } from './sse/stream-route.ts';
import { HttpMetrics } from './telemetry/http-metrics.ts';
import { metricsRoute } from './telemetry/metrics-route.ts';
import { probeRoutes } from './telemetry/probes.ts';
import { traceRequests } from './telemetry/trace-requests.ts';

export interface GatewayOptions {
  /** The actor system once it runs; the gateway serves (health) before it does. */
  system: () => ActorSystem | undefined;
  /** What the start waits for (RabbitMQ, Postgres, a drain), shown by the health endpoint while the system is not stable. */
  waitingFor?: () => readonly Waiting[];
  landscapes?: readonly LandscapeModule[];
  /** Login and token routes; mounted before the landscapes, so its middleware may guard them. */
  auth?: Mount;
  /** `/api/admin/…` operations. */
  admin?: Mount;
  /** Anything else (portal page, web components), mounted after the landscapes. */
  extraRoutes?: readonly Mount[];
  /** ALLOW_FORCED_ERRORS=true: honour `x-force-error`. */
  allowForcedErrors?: boolean;
  /** Largest request body, bytes; default 100 KB. */
  bodyLimit?: number;
  /**
   * Heartbeat (default 15 s), replay buffer per landscape (default 1000 events and 4 MiB),
   * per-client queue bound, open streams per user and in total (default 16 and 1000).
   */
  stream?: { heartbeatInterval?: number; replay?: Partial<ReplayBounds>; maxQueued?: number; bounds?: Partial<StreamBounds> };
  logger?: Logger;
  /** `METRICS_TOKEN`: when set, `/metrics` answers only `Authorization: Bearer <token>`; default open. */
  metricsToken?: string;
}

/** The HTTP edge, and what outlives a request: the SSE hub. */
export interface Gateway {
  readonly app: Hono<GatewayEnv>;
  readonly events: EventHub;
  /** The edge's own metrics (HTTP, SSE), beside the runtime's on `/metrics`. */
  readonly metrics: MetricsRegistry;
  /** Subscribes the live updates now (rather than on the first stream), so the replay buffer fills from the start. */
  start(): Promise<void>;
  /** Ends every SSE stream (a server cannot close while they are open) and stops the subscription. */
  close(): Promise<void>;
}

/**
 * Composes the edge: problem+json errors, security headers, request flow, its span and
 * metrics, body limit and unsafe text (400) → health, probes and metrics, API descriptions → auth and admin mounts → per landscape its caller binding,
 * its stream and routes → extra routes → unknown routes.
 */
export function createApp(options: GatewayOptions): Gateway {
  const landscapes = options.landscapes ?? [];
  const logger = () => options.logger ?? options.system()?.logger ?? (fallbackLogger ??= createLogger());
  let fallbackLogger: Logger | undefined;
  const app = new Hono<GatewayEnv>();
  const deps: LandscapeDeps = {
    system: () => {
      const system = options.system();
      if (!system || system.stage !== 'stable') throw new SystemUnavailableError();
      return system;
    },
    flow: flowOf,
    nextEvent: (landscape, match, timeoutMs, signal) => events.waiters.next(landscape, match, timeoutMs, signal),
  };
  const events = new EventHub(
    landscapes.map((l) => ({ name: l.name, access: l.streamAccess })),
    { ...defaultReplayBounds, ...options.stream?.replay },
    deps,
  );

  app.onError((error, c) => {
    // Hono's convention: an HTTPException carrying a response (e.g. auth's 403) answers with it.
    if (error instanceof HTTPException && error.res) {
      const res = error.getResponse();
      return c.newResponse(res.body, res.status as 500, Object.fromEntries(res.headers));
    }
    const mapped = problemFor(error, c.get('requestId'));
    if (mapped.unexpected) logger().error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    for (const [name, value] of Object.entries(mapped.headers)) c.header(name, value);
    return c.body(JSON.stringify(mapped.body), mapped.body.status as 500, { 'content-type': 'application/problem+json' });
  });
  app.notFound((c) => c.body(JSON.stringify(problem('not-found', 404, 'Not found', `no route for ${c.req.method} ${c.req.path}`)), 404, { 'content-type': 'application/problem+json' }));
  app.use(withHeaders(commonSecurityHeaders));
  app.use(requestFlow({ allowForcedErrors: options.allowForcedErrors ?? false }));
  const stream = {
    heartbeatInterval: options.stream?.heartbeatInterval ?? 15_000,
    maxQueued: options.stream?.maxQueued ?? 10_000,
    limits: new StreamLimits({ ...defaultStreamBounds, ...options.stream?.bounds }),
  };
  const http = new HttpMetrics(() => stream.limits.total);
  app.use(traceRequests(http));
  const maxSize = options.bodyLimit ?? 100 * 1024;
  app.use(bodyLimit({
    maxSize,
    onError: () => problemResponse(problem('too-large', 413, 'Payload too large', `the body exceeds ${maxSize} bytes`)),
  }));
  app.use(refuseUnsafeText());

  app.get('/api/health', (c) => {
    const current = options.system();
    const stage = current?.stage ?? 'created';
    const waitingFor = options.waitingFor?.() ?? [];
    const body = {
      status: stage,
      services: current?.operations.mailboxes.map((m) => ({ queue: m.queue, paused: m.subscription.paused })) ?? [],
      broker: current?.operations.brokerConnected ? 'connected' : 'disconnected',
      ...(waitingFor.length > 0 ? { waitingFor } : {}),
    };
    return c.json(body, stage === 'stable' ? 200 : 503);
  });

  probeRoutes(app, options.system);
  metricsRoute(app, options.system, http, options.metricsToken);
  mountApiDescriptions(app, landscapes);

  options.auth?.(app, deps);
  options.admin?.(app, deps);
  for (const module of landscapes) {
    identifyLandscape(app, module.name);
    // The stream first: the common contract is not shadowed by a landscape's own route.
    app.get(`/api/${module.name}/stream`, streamRoute(events, module, deps, stream) as never);
    mountLandscape(app, module, deps);
  }
  for (const mount of options.extraRoutes ?? []) mount(app, deps);

  return {
    app,
    events,
    metrics: http.registry,
    start: async () => { await events.ready(deps.system()); },
    close: () => events.close(),
  };
}
