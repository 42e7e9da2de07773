import type { ActorSystem } from '../../../actors/mod.ts';
import { createAdminRoutes, type AdminOptions } from '../../../gateway/admin/index.ts';
import { createApp } from '../../../gateway/app.ts';
import {
  InMemoryUserDirectory, issueToken, mergeSecurityModels, minimumIterations, operationsSecurityModel, setUpAuth,
} from '../../../gateway/auth/index.ts';
import { captureLogger } from '../../support/capture-logger.ts';
import { managementUrl } from '../../support/environment.ts';

const secret = 'admin-test-jwt-secret';

/**
 * The edge as main.ts composes it: auth (login, guards) then the admin routes, in front of
 * `system`. `admin` logs in through the login route; `salesToken` is another role's token.
 */
export async function adminGateway(system: () => ActorSystem | undefined, options: AdminOptions = { management: { url: managementUrl(), vhost: '/' } }) {
  const users = await InMemoryUserDirectory.create(
    [{ username: 'john.smith', password: 'asdf', roles: ['SALES_REP'] }],
    { iterations: minimumIterations },
  );
  const { logger } = captureLogger('silent');
  const auth = setUpAuth({ users, secret, model: mergeSecurityModels([operationsSecurityModel]), logger });
  const { app } = createApp({ system, auth: auth.mount, admin: createAdminRoutes(options), logger });

  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'asdf' }),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const adminToken = ((await login.json()) as { token: string }).token;
  const salesToken = await issueToken({ username: 'john.smith', roles: ['SALES_REP'] }, secret);

  /** Calls the app as `admin` (or with `token`; `null` for none). */
  const call = (method: string, path: string, token: string | null = adminToken) =>
    app.request(path, { method, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  /** As `call`, expecting `status`, answering the parsed body. */
  const json = async <T = any>(method: string, path: string, status = 200): Promise<T> => {
    const response = await call(method, path);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return { app, call, json, adminToken, salesToken };
}
