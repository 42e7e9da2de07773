import { Hono } from 'hono';
import type { Logger } from '../../actors/mod.ts';
import { resolveJwtSecret } from './jwt.ts';
import { LoginLimiter, type LoginLimits } from './login-limiter.ts';
import { loginRoute } from './login-route.ts';
import { PasswordWork, type PasswordWorkOptions } from './password-work.ts';
import { authenticate } from './secure.ts';
import type { SecurityModel } from './security-model.ts';
import type { UserDirectory } from './users.ts';

export interface AuthRoutesOptions {
  users: UserDirectory;
  /** The resolved secret (see `resolveJwtSecret`); the guards must verify with the same one. */
  secret: string;
  logger: Logger;
  tokenTtlSeconds?: number | undefined;
  passwords?: PasswordWork;
  limiter?: LoginLimiter;
}

/** `POST /api/auth/login`; mount with `app.route('/', createAuthRoutes(…))`. */
export function createAuthRoutes(options: AuthRoutesOptions): Hono {
  const routes = new Hono();
  routes.post('/api/auth/login', loginRoute({
    ...options, passwords: options.passwords ?? new PasswordWork(), limiter: options.limiter ?? new LoginLimiter(),
  }));
  return routes;
}

export interface AuthSetupOptions {
  users: UserDirectory;
  /** `JWT_SECRET`; undefined means the development secret and a SEC-002 warning. */
  secret: string | undefined;
  /** The landscapes' models, merged (`mergeSecurityModels`). */
  model: SecurityModel;
  logger: Logger;
  tokenTtlSeconds?: number;
  /** Cost and concurrency of password hashing (every login and sign-up). */
  passwords?: PasswordWorkOptions;
  /** Rate limits of every login and sign-up. */
  loginLimits?: LoginLimits;
}

/**
 * Everything the app needs for rule 15 in one call, at start-up: resolves the secret
 * (SEC-002 when absent), and returns a mount that installs `authenticate` for every route
 * after it and the login route. Run `checkSecurityModel` once all routes are built.
 */
export function setUpAuth(options: AuthSetupOptions): { secret: string; mount: (app: Hono<any, any, any>) => void } {
  const secret = resolveJwtSecret(options.secret, options.logger);
  const passwords = new PasswordWork(options.passwords);
  const limiter = new LoginLimiter(options.loginLimits);
  const routes = createAuthRoutes({ ...options, secret, passwords, limiter });
  return {
    secret,
    mount: (app) => {
      app.use(authenticate({ secret, model: options.model, passwords, logins: limiter }));
      app.route('/', routes);
    },
  };
}
