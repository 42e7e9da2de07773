/**
 * The tab's session state in sessionStorage: one session id per tab (so two tabs are two
 * sessions, as the SSE error routing expects), the token and the user it was issued for.
 * Kept apart from `session.ts` so `api.ts` can read the token without an import cycle.
 */
export interface SessionUser {
  username: string;
  roles: string[];
  partnerId?: string;
}

const keys = { sessionId: 'milk-factory.session-id', token: 'milk-factory.token', user: 'milk-factory.user' } as const;

/** Fired on `window` whenever the user logs in or out, so components re-render. */
export const sessionChanged = 'session-changed';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage disabled (privacy settings): the session lives as long as the page
  }
}

function loadSessionId(): string {
  const existing = storage()?.getItem(keys.sessionId);
  if (existing) return existing;
  const created = crypto.randomUUID();
  storage()?.setItem(keys.sessionId, created);
  return created;
}

export const sessionId: string = loadSessionId();

let memory: { token: string; user: SessionUser } | undefined;

export function storedToken(): string | undefined {
  return storage()?.getItem(keys.token) ?? memory?.token;
}

export function storedUser(): SessionUser | undefined {
  const text = storage()?.getItem(keys.user);
  if (!text) return memory?.user;
  try {
    return JSON.parse(text) as SessionUser;
  } catch {
    return undefined;
  }
}

export function storeSession(token: string, user: SessionUser): void {
  memory = { token, user };
  storage()?.setItem(keys.token, token);
  storage()?.setItem(keys.user, JSON.stringify(user));
  dispatchEvent(new CustomEvent(sessionChanged, { detail: user }));
}

export function clearSession(): void {
  const had = storedToken() !== undefined;
  memory = undefined;
  storage()?.removeItem(keys.token);
  storage()?.removeItem(keys.user);
  if (had) dispatchEvent(new CustomEvent(sessionChanged, { detail: undefined }));
}
