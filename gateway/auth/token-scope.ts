/**
 * Who issued a token and for whom (the `iss` and `aud` claims). The common login
 * (`POST /api/auth/login`) issues tokens for every landscape that shares it and for the
 * admin API; a landscape with its own sign-up (open-bank's `POST /login`) issues tokens
 * valid there only, so a self-chosen username can never act as a user of another landscape.
 */
export interface TokenScope {
  issuer: string;
  audience: string;
}

/** The common login's tokens: seeded staff, customers and `admin`. */
export const commonLogin: TokenScope = { issuer: 'milk-factory', audience: 'landscapes' };

/** The scope of a landscape's own sign-up tokens: issued by it, for it. */
export function landscapeScope(landscape: string): TokenScope {
  return { issuer: landscape, audience: landscape };
}

/**
 * Where a request is served, for the token check: a landscape's routes and stream accept
 * the common login and that landscape's own tokens; anything else (the admin API, routes
 * outside a landscape) only the common login's.
 */
export type TokenAudience = { landscape: string } | 'common';

/** Whether a token of `scope` is valid where `audience` serves. */
export function accepts(audience: TokenAudience, scope: TokenScope): boolean {
  if (scope.issuer === commonLogin.issuer && scope.audience === commonLogin.audience) return true;
  if (audience === 'common') return false;
  const own = landscapeScope(audience.landscape);
  return scope.issuer === own.issuer && scope.audience === own.audience;
}
