import type { Hono } from 'hono';
import type { ActorSystem } from '../../actors/mod.ts';
import { problem, problemResponse } from '../problem.ts';
import type { GatewayEnv } from '../request-flow.ts';
import type { HttpMetrics } from './http-metrics.ts';

/**
 * `GET /metrics` in Prometheus' text format: the runtime's metrics (mailboxes,
 * orchestrators, outbox, broker) and the edge's (HTTP, SSE). Open by default, as
 * Prometheus scrapes without a user's token; with `token` (`METRICS_TOKEN`) only a scraper
 * sending `Authorization: Bearer <token>` is answered (401 otherwise).
 */
export function metricsRoute(app: Hono<GatewayEnv>, system: () => ActorSystem | undefined, http: HttpMetrics, token?: string): void {
  app.get('/metrics', async (c) => {
    if (token !== undefined && !sameToken(c.req.header('authorization'), `Bearer ${token}`)) {
      return problemResponse(problem('unauthorized', 401, 'Unauthorized', 'send Authorization: Bearer <METRICS_TOKEN>'));
    }
    const runtime = await system()?.metrics.registry.render();
    const text = (runtime ?? '') + await http.registry.render();
    return c.body(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
  });
}

/** Compares every character, so timing tells nothing of how much of a guess was right. */
function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ (given.charCodeAt(i) || 0);
  return difference === 0;
}
