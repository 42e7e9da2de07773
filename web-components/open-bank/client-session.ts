import { storeSession } from '../shared/session-store.ts';
import { api, logout } from '../shared/index.ts';

/** What POST /api/open-bank/login answers: the account and the jwt to read it with. */
export interface BankClient {
  username: string;
  iban: string;
  token: string;
  jwt: string;
}

const key = 'open-bank.client';

/** The client logged in in this tab (the account token is needed for every transfer). */
export function storedClient(): BankClient | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as BankClient) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Logs in (signing up the first time). The jwt becomes this tab's session token, so api()
 * and the streams carry it like any other login.
 */
export async function loginClient(username: string, password: string): Promise<BankClient> {
  const client = await api<BankClient>('/api/open-bank/login', { body: { username, password }, headers: { authorization: '' } });
  sessionStorage.setItem(key, JSON.stringify(client));
  storeSession(client.jwt, { username: client.username, roles: ['BANK_CLIENT'], partnerId: client.iban });
  return client;
}

export function logoutClient(): void {
  sessionStorage.removeItem(key);
  logout();
}
