import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LoginLimiter, PasswordWork, authenticate, authenticated, identify, issueToken, landscapeScope, ownData, secure, securedSteps, setUpAuth,
  type AuthEnv, type SecurityModel,
} from '../../../gateway/auth/index.ts';
import { captureLogger } from '../../support/capture-logger.ts';
import { secret, testDirectory } from './users.ts';

const model: SecurityModel = {
  processes: { SALES: { DRAFT: ['SALES_REP', 'CUSTOMER'], OFFER: ['SALES_REP', 'CUSTOMER'], APPROVE: ['SALES_REP'] } },
};

function salesApp(): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use(authenticate({ secret, model, passwords: new PasswordWork(), logins: new LoginLimiter() }));
  app.use('/bank/*', identify({ landscape: 'bank' }));
  app.use('/shop/*', identify({ landscape: 'shop' }));
  for (const prefix of ['/bank', '/shop']) app.get(`${prefix}/me`, authenticated(), (c) => c.json({ me: c.get('user').username }));
  app.post('/drafts', secure('SALES', 'DRAFT'), (c) => c.json({ by: c.get('user').username }));
  app.post('/approve', secure('SALES', 'APPROVE'), (c) => c.json({ approved: true }));
  app.post('/forgotten', secure('SALES', 'NOT_IN_MODEL'), (c) => c.json({}));
  // A customer sees only their own contracts; a sales rep serves every customer.
  app.get('/contracts/:holder', secure('SALES', 'OFFER'), (c) => {
    ownData(c, c.req.param('holder'), { except: ['SALES_REP'] });
    return c.json({ holder: c.req.param('holder') });
  });
  app.get('/tasks', authenticated(), (c) => c.json({ mine: c.get('user').username }));
  return app;
}

const app = salesApp();
const john = { username: 'john.smith', roles: ['SALES_REP'] };
const augustus = { username: '180000032', roles: ['CUSTOMER'], partnerId: '180000032' };
let repToken: string;
let customerToken: string;
beforeAll(async () => {
  [repToken, customerToken] = await Promise.all([issueToken(john, secret), issueToken(augustus, secret)]);
});

const call = (path: string, token?: string, method = 'POST') =>
  app.request(path, { method, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

async function expectProblem(response: Response, status: number, type: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
}

describe('secure(process, step)', () => {
  it('answers 401 without a token', async () => {
    const response = await call('/drafts');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="milk-factory"');
    await expectProblem(response, 401, '/problems/unauthorized');
    await expectProblem(await app.request('/drafts', { method: 'POST', headers: { authorization: `Basic ${btoa('a:b')}` } }), 401, '/problems/unauthorized');
  });

  it('answers 401 for a token that is garbage, of another secret, expired, unsigned or lacking claims', async () => {
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    const unsignedToken = `${header({ alg: 'none', typ: 'JWT' })}.${header({ sub: 'john.smith', roles: ['SALES_REP'], exp: 9e9 })}.`;
    const tokens = [
      'garbage',
      await issueToken(john, 'another secret'),
      await issueToken(john, secret, { now: Date.now() - 9 * 60 * 60 * 1000 }),
      unsignedToken,
      await sign({ sub: 'john.smith', exp: Math.floor(Date.now() / 1000) + 60 }, secret, 'HS256'), // no roles
      await sign({ sub: 'john.smith', roles: ['SALES_REP'] }, secret, 'HS256'), // never expires
    ];
    for (const token of tokens) {
      const response = await call('/drafts', token);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      await expectProblem(response, 401, '/problems/unauthorized');
    }
  });

  it('accepts a landscape\'s own sign-up token in that landscape only; the common login\'s everywhere', async () => {
    const signedUp = await issueToken({ username: 'john.smith', roles: ['SALES_REP'] }, secret, { scope: landscapeScope('bank') });
    expect((await call('/bank/me', signedUp, 'GET')).status).toBe(200);
    for (const path of ['/shop/me', '/tasks']) {
      const response = await call(path, signedUp, 'GET');
      expect(response.headers.get('www-authenticate'), path).toContain('error="invalid_token"');
      await expectProblem(response, 401, '/problems/unauthorized');
    }
    // Another secure route outside any landscape: the sign-up token is not a sales rep there.
    await expectProblem(await call('/drafts', signedUp), 401, '/problems/unauthorized');
    for (const path of ['/bank/me', '/shop/me', '/tasks']) expect((await call(path, repToken, 'GET')).status, path).toBe(200);
    // A token without issuer and audience (minted before they existed, or by hand) is no token.
    const unscoped = await sign({ sub: 'john.smith', roles: ['SALES_REP'], exp: Math.floor(Date.now() / 1000) + 60 }, secret, 'HS256');
    await expectProblem(await call('/tasks', unscoped, 'GET'), 401, '/problems/unauthorized');
  });

  it('answers 403 when none of the roles may perform the step, and for a step the model does not name', async () => {
    await expectProblem(await call('/approve', customerToken), 403, '/problems/forbidden');
    await expectProblem(await call('/forgotten', repToken), 403, '/problems/forbidden');
  });

  it('lets a role of the step through, with the user on the context', async () => {
    const drafted = await call('/drafts', customerToken);
    expect(drafted.status).toBe(200);
    expect(await drafted.json()).toEqual({ by: '180000032' });
    expect((await call('/approve', repToken)).status).toBe(200);
  });

  it('checks own data next to the route: 403 for another customer\'s, 200 for one\'s own or for staff', async () => {
    await expectProblem(await call('/contracts/180000033', customerToken, 'GET'), 403, '/problems/forbidden');
    expect((await call('/contracts/180000032', customerToken, 'GET')).status).toBe(200);
    expect((await call('/contracts/180000033', repToken, 'GET')).status).toBe(200);
  });

  it('authenticated() needs only a valid token', async () => {
    await expectProblem(await call('/tasks', undefined, 'GET'), 401, '/problems/unauthorized');
    expect(await (await call('/tasks', repToken, 'GET')).json()).toEqual({ mine: 'john.smith' });
  });

  it('records the steps routes are secured by, for the start-up check', () => {
    expect(securedSteps()).toEqual(expect.arrayContaining([{ process: 'SALES', step: 'DRAFT' }, { process: 'SALES', step: 'NOT_IN_MODEL' }]));
  });

  it('fails closed (500, never open) on a route whose app lacks authenticate()', async () => {
    const bare = new Hono<AuthEnv>();
    bare.get('/x', secure('SALES', 'DRAFT'), (c) => c.text('open'));
    bare.onError((error, c) => c.text(error.message, 500));
    const response = await bare.request('/x', { headers: { authorization: `Bearer ${repToken}` } });
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/authenticate\(\)/);
  });
});

describe('setUpAuth', () => {
  it('falls back to the development secret with SEC-002, and mounts login and the guards', async () => {
    const { logger, lines } = captureLogger();
    const auth = setUpAuth({ users: await testDirectory(), secret: undefined, model, logger });
    expect(lines.filter((l) => l.code === 'SEC-002')).toHaveLength(1);
    const gateway = new Hono();
    auth.mount(gateway);
    gateway.post('/api/sales/drafts', secure('SALES', 'DRAFT'), (c) => c.json({ ok: true }));
    const login = await gateway.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'john.smith', password: 'asdf' }) });
    const { token } = await login.json() as { token: string };
    expect((await gateway.request('/api/sales/drafts', { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await gateway.request('/api/sales/drafts', { method: 'POST' })).status).toBe(401);

    const configured = captureLogger();
    expect(setUpAuth({ users: await testDirectory(), secret: 'set', model, logger: configured.logger }).secret).toBe('set');
    expect(configured.lines.filter((l) => l.code === 'SEC-002')).toHaveLength(0);
  });
});
