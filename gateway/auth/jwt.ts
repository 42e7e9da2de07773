import { sign, verify } from 'hono/jwt';
import type { Logger } from '../../actors/mod.ts';
import { accepts, commonLogin, type TokenAudience, type TokenScope } from './token-scope.ts';
import { publicUser, type AuthenticatedUser } from './users.ts';

/**
 * Used when `JWT_SECRET` is not set, so a local `npm start` works. Anyone who read this
 * file can mint tokens for it, hence the SEC-002 warning (and the refusal to start in
 * production, `production-secrets.ts`).
 */
export const developmentJwtSecret = 'milk-factory-development-jwt-secret-do-not-use-in-production';

/** Tokens last a working day; roles changed meanwhile apply from the next login. */
export const defaultTokenTtlSeconds = 8 * 60 * 60;

/** The configured secret, or the development one with a loud `SEC-002` warning (call once, at start-up). */
export function resolveJwtSecret(secret: string | undefined, logger: Logger): string {
  if (secret !== undefined && secret !== '') return secret;
  logger.warn({ code: 'SEC-002' }, 'JWT_SECRET is not set: tokens are signed with the public development secret; set it before exposing the API');
  return developmentJwtSecret;
}

export interface TokenOptions {
  ttlSeconds?: number | undefined;
  /** Epoch ms; only tests move it. Real time, not the business clock: TIME_SCALE must not shorten logins. */
  now?: number;
  /** Who issues it, for whom; default the common login. */
  scope?: TokenScope;
}

/**
 * An HS256 token: `sub` the username, `roles`, `partnerId` when the user is a partner,
 * `iss` and `aud` (its scope), `iat`, `exp`.
 */
export function issueToken(user: AuthenticatedUser, secret: string, options: TokenOptions = {}): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const scope = options.scope ?? commonLogin;
  const claims: Record<string, unknown> = {
    sub: user.username, roles: [...user.roles], iss: scope.issuer, aud: scope.audience, iat, exp: iat + (options.ttlSeconds ?? defaultTokenTtlSeconds),
  };
  if (user.partnerId !== undefined) claims.partnerId = user.partnerId;
  return sign(claims, secret, 'HS256');
}

/**
 * The user a token names, or undefined when it is not an HS256 token of this secret, has
 * expired, lacks the claims, or is not valid where `audience` serves (default: only the
 * common login's tokens). Never throws: any bad token is simply no user.
 */
export async function readToken(token: string, secret: string, audience: TokenAudience = 'common'): Promise<AuthenticatedUser | undefined> {
  let claims: Record<string, unknown>;
  try {
    // The algorithm is pinned: a token claiming `none` or another algorithm is refused.
    claims = await verify(token, secret, 'HS256');
  } catch {
    return undefined;
  }
  const { sub, roles, partnerId, exp, iss, aud } = claims;
  if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number') return undefined;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) return undefined;
  if (partnerId !== undefined && typeof partnerId !== 'string') return undefined;
  if (typeof iss !== 'string' || typeof aud !== 'string' || !accepts(audience, { issuer: iss, audience: aud })) return undefined;
  const user = publicUser({ username: sub, roles, ...(partnerId === undefined ? {} : { partnerId }) });
  return iss === commonLogin.issuer ? user : { ...user, issuer: iss };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
