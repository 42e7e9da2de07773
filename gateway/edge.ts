import process from 'node:process';
import type { ActorSystem, Logger, Waiting } from '../actors/mod.ts';
import type { AppConfig } from '../app-config.ts';
import { adminRoutes } from './admin/index.ts';
import { createApp, type Gateway } from './app.ts';
import {
  InMemoryUserDirectory, checkSecurityModel, defaultIterations, mergeSecurityModels, operationsSecurityModel, securedSteps, setUpAuth,
  type SecurityModel, type UserSeed,
} from './auth/index.ts';
import { readEdgeLimits, readMetricsToken, type EdgeLimits } from './edge-config.ts';
import type { LandscapeModule } from './landscape.ts';
import { webRoutes, type WebOptions } from './web/index.ts';

export interface EdgeOptions {
  system: () => ActorSystem | undefined;
  /** What the start waits for; the health endpoint shows it. */
  waitingFor?: () => readonly Waiting[];
  config: AppConfig;
  logger: Logger;
  landscapes?: readonly LandscapeModule[];
  /** The landscapes' users and security models (the operations model and `admin` are always there). */
  users?: readonly UserSeed[];
  securityModels?: readonly SecurityModel[];
  /** PBKDF2 iterations of every password hash (tests lower it; default `defaultIterations`). */
  passwordIterations?: number;
  /** Login, hashing and stream bounds; default from the environment (`readEdgeLimits`). */
  limits?: { [K in keyof EdgeLimits]?: Partial<EdgeLimits[K]> } & { hashConcurrency?: number };
  /** The portal, pages and component bundles (`gateway/web/`); `false` serves none. */
  web?: Partial<Pick<WebOptions, 'componentsDir' | 'managementUrl'>> | false;
}

/**
 * The whole web edge as `npm start` runs it: users, login and guards (rule 15), the
 * operations API, the landscapes, then the portal, pages and component bundles, and the
 * start-up check that logs SEC-001 for any secured step no role can perform.
 */
export async function createEdge(options: EdgeOptions): Promise<Gateway> {
  const fromEnv = readEdgeLimits(process.env, options.config.timeScale);
  const limits = options.limits ?? {};
  const iterations = options.passwordIterations ?? defaultIterations;
  const users = await InMemoryUserDirectory.create(options.users ?? [], { iterations });
  const model = mergeSecurityModels([operationsSecurityModel, ...(options.securityModels ?? [])]);
  const auth = setUpAuth({
    users, secret: options.config.jwtSecret, model, logger: options.logger,
    passwords: { iterations, maxConcurrent: limits.hashConcurrency ?? fromEnv.hashConcurrency },
    loginLimits: { ...fromEnv.login, ...limits.login },
  });
  const gateway = createApp({
    system: options.system,
    ...(options.waitingFor ? { waitingFor: options.waitingFor } : {}),
    landscapes: options.landscapes ?? [],
    auth: auth.mount,
    admin: adminRoutes,
    extraRoutes: options.web === false ? [] : [webRoutes({
      ...options.web,
      landscapes: (options.landscapes ?? []).map((landscape) => landscape.name),
      logger: options.logger,
    })],
    allowForcedErrors: options.config.allowForcedErrors,
    stream: { bounds: { ...fromEnv.streams, ...limits.streams }, replay: { ...fromEnv.replay, ...limits.replay } },
    logger: options.logger,
    ...withMetricsToken(readMetricsToken(process.env)),
  });
  checkSecurityModel({ model, roles: users.roles(), secured: securedSteps(), logger: options.logger });
  return gateway;
}

function withMetricsToken(token: string | undefined): { metricsToken?: string } {
  return token === undefined ? {} : { metricsToken: token };
}
