import type { Context, MiddlewareHandler } from 'hono';
import type { RequestFlow } from '../../actors/mod.ts';
import { ForbiddenError, forbidden, unauthorized } from './auth-problems.ts';
import { bearerToken, readToken } from './jwt.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { PasswordWork } from './password-work.ts';
import { mayPerform, type SecuredStep, type SecurityModel } from './security-model.ts';
import type { TokenAudience } from './token-scope.ts';
import { principalOf, type AuthenticatedUser } from './users.ts';
import { noted } from '../api-docs/route-notes.ts';

/** What the guards need, put on the context once for the whole app by `authenticate`. */
export interface AuthSettings {
  secret: string;
  model: SecurityModel;
  /** The bounded password hashing every login and sign-up uses. */
  passwords: PasswordWork;
  /** Rate limits of every login and sign-up. */
  logins: LoginLimiter;
}

/** Who called, once read from the request's token (`callerOf`). */
export type Caller = { user: AuthenticatedUser } | { missing: true } | { invalid: true };

/**
 * Context variables: `c.get('user')` is the caller once a guard let the request through;
 * `audience` says whose tokens are valid here (set by `identify` per landscape).
 */
export type AuthVariables = { user: AuthenticatedUser; auth: AuthSettings; audience: TokenAudience; caller: Caller; flow: RequestFlow };
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

/**
 * Marks the routes after it as `audience`'s (a landscape's routes accept its own tokens
 * besides the common login's) and binds what the request causes to its caller: a valid
 * token's principal goes into the request flow's metadata as `requestedBy`, and travels
 * with every message the request causes. The streams deliver a session's events and
 * errors only to that principal, so a session id alone grants nothing.
 */
export function identify(audience: TokenAudience): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('audience', audience);
    const caller = c.get('auth') ? await callerOf(c) : undefined;
    const flow = c.get('flow');
    if (caller && 'user' in caller && flow) flow.metadata = { ...flow.metadata, requestedBy: principalOf(caller.user) };
    await next();
  };
}

/** Any valid token will do (e.g. "my tasks"); 401 otherwise. */
export function authenticated(): MiddlewareHandler<AuthEnv> {
  return noted(async (c, next) => {
    const user = await userOrRefusal(c);
    if (user instanceof Response) return user;
    c.set('user', user);
    await next();
  }, { kind: 'authenticated' });
}

/**
 * The declarative guard of a route: `app.post('/drafts', secure('SALES', 'DRAFT'), …)`.
 * 401 without a valid token, 403 when none of the user's roles may perform the step.
 */
export function secure(process: string, step: string): MiddlewareHandler<AuthEnv> {
  secured.set(`${process}\u0000${step}`, { process, step });
  // Noted: `/api/openapi.json` lists the step and its 401/403 answers.
  return noted(async (c, next) => {
    const user = await userOrRefusal(c);
    if (user instanceof Response) return user;
    if (!mayPerform(c.get('auth').model, user.roles, process, step)) {
      return forbidden(`your roles may not perform ${process}.${step}`);
    }
    c.set('user', user);
    await next();
  }, { kind: 'secured', process, step });
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

/**
 * The request's caller, read once from its bearer token for the audience of the route
 * (the common login only where none is set, e.g. the admin API).
 */
export async function callerOf(c: Context<AuthEnv>): Promise<Caller> {
  const known = c.get('caller');
  if (known) return known;
  const settings = c.get('auth');
  // A missing `authenticate` is a wiring bug: fail loudly (500), never open.
  if (!settings) throw new Error('a guarded route needs authenticate() installed on the app before it');
  const token = bearerToken(c.req.header('authorization'));
  const user = token === undefined ? undefined : await readToken(token, settings.secret, c.get('audience') ?? 'common');
  const caller: Caller = token === undefined ? { missing: true } : user ? { user } : { invalid: true };
  c.set('caller', caller);
  return caller;
}

/** The caller, or the 401 answer for a request without a valid token. */
export async function userOrRefusal(c: Context<AuthEnv>): Promise<AuthenticatedUser | Response> {
  const caller = await callerOf(c);
  if ('user' in caller) return caller.user;
  if ('missing' in caller) return unauthorized('this needs an Authorization: Bearer <token> header; log in at POST /api/auth/login');
  return unauthorized('the token is invalid, has expired, or is not valid here; log in again', true);
}
