import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createAuthRoutes, readToken, type InMemoryUserDirectory } from '../../../gateway/auth/index.ts';
import { captureLogger } from '../../support/capture-logger.ts';
import { secret, testDirectory } from './users.ts';

let users: InMemoryUserDirectory;
let app: Hono;
beforeAll(async () => {
  users = await testDirectory();
  app = createAuthRoutes({ users, secret, logger: captureLogger().logger });
});

const login = (body: unknown, raw?: string) => app.request('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: raw ?? JSON.stringify(body),
});

describe('POST /api/auth/login', () => {
  it('answers a token that verifies, carrying the user, and the user', async () => {
    const response = await login({ username: '180000032', password: 'asdf' });
    expect(response.status).toBe(200);
    const body = await response.json() as { token: string; user: unknown };
    expect(body.user).toEqual({ username: '180000032', roles: ['CUSTOMER'], partnerId: '180000032' });
    expect(await readToken(body.token, secret)).toEqual(body.user);
    expect(await readToken(body.token, 'another secret')).toBeUndefined();
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: '180000032', roles: ['CUSTOMER'], partnerId: '180000032' });
    expect(claims.exp - claims.iat).toBe(8 * 60 * 60);
  });

  it('logs in the always-present admin with the spec default password', async () => {
    const response = await login({ username: 'admin', password: 'asdf' });
    expect(response.status).toBe(200);
    expect((await response.json() as { user: unknown }).user).toEqual({ username: 'admin', roles: ['ADMIN'] });
  });

  it('answers the same 401 problem for an unknown user and for a wrong password, after similar work', async () => {
    const timed = async (body: unknown) => {
      const started = performance.now();
      const response = await login(body);
      return { response, ms: performance.now() - started, text: await response.text() };
    };
    const wrong: Array<Awaited<ReturnType<typeof timed>>> = [];
    const unknown: Array<Awaited<ReturnType<typeof timed>>> = [];
    for (let i = 0; i < 3; i += 1) {
      wrong.push(await timed({ username: 'john.smith', password: 'wrong' }));
      unknown.push(await timed({ username: 'nobody', password: 'wrong' }));
    }
    for (const { response } of [...wrong, ...unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(new Set([...wrong, ...unknown].map((r) => r.text)).size).toBe(1);
    expect(JSON.parse(wrong[0]!.text)).toEqual({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'wrong username or password' });
    // Without the dummy hash an unknown user would answer in well under a millisecond.
    const median = (runs: typeof wrong) => runs.map((r) => r.ms).sort((a, b) => a - b)[1]!;
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
  });

  it('answers 400 problems for a body that is not JSON, not an object, or has wrong or unknown fields', async () => {
    const cases: Array<[unknown, string?]> = [
      [undefined, '{not json'],
      [['admin', 'asdf']],
      [{ username: 'admin' }],
      [{ username: 'admin', password: 42 }],
      [{ username: '', password: 'asdf' }],
      [{ username: 'admin', password: 'asdf', remember: true }],
      [{ username: 'admin', password: 'x'.repeat(2_000) }],
    ];
    for (const [body, raw] of cases) {
      const response = await login(body, raw);
      expect(response.status, JSON.stringify(body ?? raw)).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await response.json() as { type: string; status: number; errors: unknown[] };
      expect(problem).toMatchObject({ type: '/problems/validation', status: 400, title: 'Invalid request' });
      expect(problem.errors.length).toBeGreaterThan(0);
    }
  });
});
