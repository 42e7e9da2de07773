import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, forbidden, unauthorized } from './auth-problems.ts';
import { bearerToken, readToken } from './jwt.ts';
import { mayPerform, type SecuredStep, type SecurityModel } from './security-model.ts';
import type { AuthenticatedUser } from './users.ts';

/** What the guards need, put on the context once for the whole app by `authenticate`. */
export interface AuthSettings {
  secret: string;
  model: SecurityModel;
}

/** Context variables: `c.get('user')` is the caller once a guard let the request through. */
export type AuthVariables = { user: AuthenticatedUser; auth: AuthSettings };
export type AuthEnv = { Variables: AuthVariables };

/** Every step some route was secured by, for the start-up check (`securedSteps()`). */
const secured = new Map<string, SecuredStep>();

/** The steps `secure()` has been called with so far: call after the routes are built. */
export function securedSteps(): SecuredStep[] {
  return [...secured.values()];
}

/**
 * Installs the settings the guards read; `app.use(authenticate(…))` before the routes.
 * Lets every request through: only a guard on a route refuses.
 */
export function authenticate(settings: AuthSettings): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('auth', settings);
    await next();
  };
}

/** Any valid token will do (e.g. "my tasks"); 401 otherwise. */
export function authenticated(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const user = await callerOf(c);
    if (user instanceof Response) return user;
    c.set('user', user);
    await next();
  };
}

/**
 * The declarative guard of a route: `app.post('/drafts', secure('SALES', 'DRAFT'), …)`.
 * 401 without a valid token, 403 when none of the user's roles may perform the step.
 */
export function secure(process: string, step: string): MiddlewareHandler<AuthEnv> {
  secured.set(`${process}\u0000${step}`, { process, step });
  return async (c, next) => {
    const user = await callerOf(c);
    if (user instanceof Response) return user;
    if (!mayPerform(c.get('auth').model, user.roles, process, step)) {
      return forbidden(`your roles may not perform ${process}.${step}`);
    }
    c.set('user', user);
    await next();
  };
}

/**
 * "Own data only", checked next to the route once the owner is known: passes when the
 * caller is `ownerId` (as partner or as username) or holds a role in `except` (e.g. staff
 * who serve every customer); otherwise throws a 403.
 */
export function ownData(c: Context<AuthEnv>, ownerId: string | undefined, options: { except?: readonly string[] } = {}): void {
  const user = c.get('user');
  if (!user) throw new Error('ownData() needs a guard (secure or authenticated) on the route first');
  if (options.except?.some((role) => user.roles.includes(role))) return;
  const own = ownerId !== undefined && (ownerId === user.partnerId || ownerId === user.username);
  if (!own) throw new ForbiddenError('this belongs to someone else');
}

/** The caller of a guarded route. */
export function currentUser(c: Context<AuthEnv>): AuthenticatedUser {
  const user = c.get('user');
  if (!user) throw new Error('currentUser() needs a guard (secure or authenticated) on the route first');
  return user;
}

async function callerOf(c: Context<AuthEnv>): Promise<AuthenticatedUser | Response> {
  const settings = c.get('auth');
  // A missing `authenticate` is a wiring bug: fail loudly (500), never open.
  if (!settings) throw new Error('a guarded route needs authenticate() installed on the app before it');
  const token = bearerToken(c.req.header('authorization'));
  if (token === undefined) return unauthorized('this needs an Authorization: Bearer <token> header; log in at POST /api/auth/login');
  const user = await readToken(token, settings.secret);
  return user ?? unauthorized('the token is invalid or has expired; log in again', true);
}
