import type { Hono } from 'hono';
import { readinessOf, type ActorSystem } from '../../actors/mod.ts';
import type { GatewayEnv } from '../request-flow.ts';

/**
 * Kubernetes-style probes, beside `/api/health` (whose contract stays): `/livez` answers 200
 * while the process can answer at all (restart it when it cannot); `/readyz` answers 200
 * only when the actor system is stable, its broker connection up and its database
 * answering, else 503 with each check and the reason it fails (take it out of rotation).
 * Neither needs a token: they say nothing a scraper could misuse.
 */
export function probeRoutes(app: Hono<GatewayEnv>, system: () => ActorSystem | undefined): void {
  app.get('/livez', (c) => c.json({ status: 'alive' }));
  app.get('/readyz', async (c) => {
    const current = system();
    const database = current ? await current.operations.pingDatabase() : undefined;
    const readiness = readinessOf({
      stage: current?.stage ?? 'created',
      brokerConnected: current?.operations.brokerConnected ?? false,
      ...(database ? { database } : {}),
    });
    const reasons = readiness.checks.flatMap((check) => (check.reason ? [check.reason] : []));
    return c.json({ status: readiness.ready ? 'ready' : 'not-ready', checks: readiness.checks, ...(reasons.length > 0 ? { reasons } : {}) }, readiness.ready ? 200 : 503);
  });
}
