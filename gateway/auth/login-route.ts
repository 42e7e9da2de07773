import type { Handler } from 'hono';
import type { Logger, ValidationIssue } from '../../actors/mod.ts';
import { clientAddress } from '../client-address.ts';
import { problem, problemResponse } from '../problem.ts';
import { unauthorized } from './auth-problems.ts';
import { issueToken } from './jwt.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { PasswordWork } from './password-work.ts';
import { commonLogin } from './token-scope.ts';
import { publicUser, type UserDirectory } from './users.ts';

export interface LoginOptions {
  users: UserDirectory;
  secret: string;
  logger: Logger;
  passwords: PasswordWork;
  limiter: LoginLimiter;
  tokenTtlSeconds?: number | undefined;
}

/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
const maxLength = 1_024;

/**
 * `POST /api/auth/login {"username","password"}` → `200 {token, user}`. An unknown user
 * and a wrong password get the same 401 after the same work (a dummy hash is checked for
 * an unknown user), so neither the answer nor its timing tells which usernames exist.
 * Refused attempts count against the username and the client address (`LoginLimiter`:
 * 429 with Retry-After once either is used up); the hashing is bounded (`PasswordWork`);
 * a hash of a lower cost than today's is replaced on a successful login. The log of a
 * refused login names no username: a password typed into the username field must not
 * end up in the logs.
 */
export function loginRoute(options: LoginOptions): Handler {
  // Same cost as a real user's hash, computed once on first use; its password is random, so nothing matches it.
  let dummyHash: Promise<string> | undefined;
  return async (c) => {
    const credentials = parseCredentials(await c.req.text());
    if ('issues' in credentials) {
      return problemResponse(problem('validation', 400, 'Invalid request', 'the body must be {"username","password"}, both strings', credentials.issues));
    }
    const client = clientAddress(c);
    options.limiter.check(commonLogin.issuer, credentials.username, client);
    const user = await options.users.find(credentials.username);
    const matches = await options.passwords.verify(credentials.password, user?.passwordHash ?? (await (dummyHash ??= options.passwords.hash(crypto.randomUUID()))));
    if (!user || !matches) {
      options.limiter.failed(commonLogin.issuer, credentials.username, client);
      options.logger.info({ client }, 'login refused');
      return unauthorized('wrong username or password');
    }
    options.limiter.succeeded(commonLogin.issuer, credentials.username);
    if (options.users.rehash && options.passwords.needsRehash(user.passwordHash)) {
      await options.users.rehash(user.username, await options.passwords.hash(credentials.password));
    }
    const token = await issueToken(user, options.secret, { ttlSeconds: options.tokenTtlSeconds });
    options.logger.info({ username: user.username }, 'logged in');
    return c.json({ token, user: publicUser(user) });
  };
}

type Credentials = { username: string; password: string } | { issues: ValidationIssue[] };

/** Strict like every request of the API: JSON, an object, exactly these two non-empty strings. */
function parseCredentials(text: string): Credentials {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { issues: [{ path: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { issues: [{ path: '', message: 'expected an object' }] };
  const record = body as Record<string, unknown>;
  const issues: ValidationIssue[] = Object.keys(record)
    .filter((key) => key !== 'username' && key !== 'password')
    .map((key) => ({ path: key, message: 'unknown field' }));
  for (const field of ['username', 'password'] as const) {
    const value = record[field];
    if (typeof value !== 'string' || value === '') issues.push({ path: field, message: 'expected a non-empty string' });
    else if (value.length > maxLength) issues.push({ path: field, message: `at most ${maxLength} characters` });
  }
  if (issues.length > 0) return { issues };
  return { username: record.username as string, password: record.password as string };
}
