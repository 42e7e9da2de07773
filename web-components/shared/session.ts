import { api } from './api.ts';
import { clearSession, sessionChanged, sessionId, storedToken, storedUser, storeSession, type SessionUser } from './session-store.ts';

export { sessionChanged, sessionId, type SessionUser };

/** The logged-in user of this tab, if any. */
export function currentUser(): SessionUser | undefined {
  return storedToken() === undefined ? undefined : storedUser();
}

/** The bearer token of this tab, if logged in. */
export function token(): string | undefined {
  return storedToken();
}

/**
 * `POST /api/auth/login`; keeps the token for this tab and fires `session-changed`.
 * A refused login throws the API's ProblemError (401 "wrong username or password").
 */
export async function login(username: string, password: string): Promise<SessionUser> {
  const answer = await api<{ token: string; user: SessionUser }>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    headers: { authorization: '' }, // a stale token must not ride along with a login
  });
  storeSession(answer.token, answer.user);
  return answer.user;
}

/** Forgets the token (JWTs are stateless: nothing to tell the server); fires `session-changed`. */
export function logout(): void {
  clearSession();
}

export function hasRole(role: string): boolean {
  return currentUser()?.roles.includes(role) ?? false;
}
