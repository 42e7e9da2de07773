import type { Kysely } from 'kysely';
import type { ActorDefinition } from '../../../actors/mod.ts';
import { companyAccount } from '../../../services/open-bank/command-handler/company-account.ts';
import { openbankLandscape } from '../../../services/open-bank/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

export { companyAccount };

export interface Client {
  username: string;
  iban: string;
  token: string;
  jwt: string;
}

/** open-bank behind the whole edge, with a short TIME_SCALE for the heartbeat. */
export function startBank(label: string, timeScale = 0.1): Promise<TestEdge> {
  return TestEdge.start(label, [openbankLandscape], { timeScale });
}

/** Signs a client up (or in) through POST /api/open-bank/login. */
export async function signUp(edge: TestEdge, username = `client-${crypto.randomUUID().slice(0, 8)}`, password = 'secret-password'): Promise<Client> {
  return edge.expect<Client>(200, 'POST', '/api/open-bank/login', { body: { username, password } });
}

export interface TransferFields {
  id?: string;
  token?: string;
  amount: number;
  from: string;
  to: string;
  description?: string;
}

/** Posts a transfer and waits for its outcome through GET /transfers/<id>?waitMs=. */
export async function transfer(edge: TestEdge, fields: TransferFields, options: { sessionId?: string; jwt?: string } = {}): Promise<{ id: string; status: string; reason?: string }> {
  const body = { id: crypto.randomUUID(), token: 'none', description: 'test', ...fields };
  await edge.expect(202, 'POST', '/api/open-bank/transfers', { body, ...(options.sessionId ? { sessionId: options.sessionId } : {}), ...(options.jwt ? { token: options.jwt } : {}) });
  return outcome(edge, body.id);
}

export async function outcome(edge: TestEdge, id: string): Promise<{ id: string; status: string; reason?: string }> {
  const result = await edge.expect(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=10000`);
  if (result.status === 'pending') throw new Error(`transfer ${id} still pending`);
  return result;
}

export async function deposit(edge: TestEdge, client: Client, amount: number) {
  return transfer(edge, { amount, from: 'cash', to: client.iban, description: 'deposit' });
}

export async function balanceOf(edge: TestEdge, client: Client): Promise<number> {
  const account = await edge.expect(200, 'GET', `/api/open-bank/accounts/${client.iban}`, { token: client.jwt });
  return account.balance as number;
}

/** A service's own tables, for checks REST does not offer (sums over every account). */
export function tablesOf(edge: TestEdge, actor: ActorDefinition): Kysely<any> {
  const store = testInternals(edge.system).store!;
  return store.database.db.withSchema(store.serviceSchema(actor));
}
