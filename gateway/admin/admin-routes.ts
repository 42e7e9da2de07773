import process from 'node:process';
import { Hono } from 'hono';
import { firstNode } from '../../actors/mod.ts';
import { secure } from '../auth/index.ts';
import type { Mount } from '../landscape.ts';
import { actorRoutes } from './actor-routes.ts';
import type { AdminEnv } from './admin-env.ts';
import { deadLetterRoutes } from './dead-letter-routes.ts';
import { flowRoutes } from './flow-routes.ts';
import { orchestratorRoutes } from './orchestrator-routes.ts';
import { QueueStats, type ManagementApi } from './queue-stats.ts';

export interface AdminOptions {
  /** Where queue counts come from; `false`: AMQP only (no unacked count). Default from the environment. */
  management?: ManagementApi | false;
}

/** The process's settings: `RABBITMQ_MANAGEMENT_URL`, and the vhost of `AMQP_URL`. */
export function managementFromEnv(env: Record<string, string | undefined> = process.env): ManagementApi {
  const amqp = new URL(firstNode(env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672'));
  // An AMQP URL names the vhost as its path, `/` when it has none (`amqp://host` and `amqp://host/`).
  const vhost = amqp.pathname.length > 1 ? decodeURIComponent(amqp.pathname.slice(1)) : '/';
  return { url: env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@localhost:15672', vhost };
}

/**
 * The common spec's operations under `/api/admin`, for role ADMIN only (process
 * `OPERATIONS`, step `ADMINISTER`: add `operationsSecurityModel` to the auth model). The
 * auth mount must come first: it installs what the guard reads.
 */
export function createAdminRoutes(options: AdminOptions = {}): Mount {
  return (app, deps) => {
    const stats = new QueueStats(options.management === false ? undefined : options.management ?? managementFromEnv());
    const admin = new Hono<AdminEnv>();
    // Every path under /api/admin, known or not: a caller without the role learns nothing of them.
    admin.use('*', secure('OPERATIONS', 'ADMINISTER'));
    admin.route('/', actorRoutes(deps, stats));
    admin.route('/', deadLetterRoutes(deps));
    admin.route('/', flowRoutes(deps));
    admin.route('/', orchestratorRoutes(deps));
    app.route('/api/admin', admin);
  };
}

/** The admin mount with the environment's settings: `createApp({ admin: adminRoutes, … })`. */
export const adminRoutes: Mount = (app, deps) => createAdminRoutes()(app, deps);
