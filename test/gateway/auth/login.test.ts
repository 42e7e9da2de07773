import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import {
  InMemoryUserDirectory, LoginLimiter, PasswordWork, createAuthRoutes, defaultIterations, iterationsOf, minimumIterations, readToken,
} from '../../../gateway/auth/index.ts';
import { LimitExceededError } from '../../../gateway/limit-exceeded.ts';
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

describe('login limits', () => {
  const limitedApp = async (windowMs: number) => {
    const { logger, lines } = captureLogger();
    const limiter = new LoginLimiter({ maxFailuresPerUser: 3, maxFailuresPerClient: 5, windowMs });
    const routes = createAuthRoutes({ users: await testDirectory(), secret, logger, limiter, passwords: new PasswordWork({ iterations: minimumIterations }) });
    const call = (username: string, password: string) => routes.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) });
    return { call, lines };
  };

  it('answers 429 with Retry-After once a username used its refused attempts, even for the right password, then lets it in after the window', async () => {
    const { call } = await limitedApp(1_000);
    for (let i = 0; i < 3; i += 1) expect((await call('john.smith', 'guess')).status).toBe(401);
    const limited = await call('john.smith', 'asdf');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({ type: '/problems/too-many-logins', status: 429 });
    // Another username from the same client is not held back by this one's count.
    expect((await call('180000032', 'asdf')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await call('john.smith', 'asdf')).status).toBe(200);
  });

  it('limits a client address trying many usernames', async () => {
    const { call } = await limitedApp(60_000);
    for (let i = 0; i < 5; i += 1) expect((await call(`nobody-${i}`, 'guess')).status).toBe(401);
    expect((await call('john.smith', 'asdf')).status).toBe(429);
  });

  it('never logs the attempted username of a refused login (it may be a password typed in the wrong field)', async () => {
    const { call, lines } = await limitedApp(60_000);
    await call('my-secret-passphrase', 'asdf');
    await call('john.smith', 'wrong');
    const refused = lines.filter((line) => line.msg === 'login refused');
    expect(refused).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain('my-secret-passphrase');
    expect(JSON.stringify(refused)).not.toContain('john.smith');
  });

  it('re-hashes a stored hash of a lower cost on a successful login', async () => {
    const users = await InMemoryUserDirectory.create([{ username: 'old', password: 'asdf', roles: ['R'] }], { iterations: minimumIterations });
    const routes = createAuthRoutes({ users, secret, logger: captureLogger().logger, passwords: new PasswordWork({ iterations: minimumIterations + 1_000 }) });
    const login = (password: string) => routes.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'old', password }) });
    expect((await login('wrong')).status).toBe(401);
    expect(iterationsOf((await users.find('old'))!.passwordHash)).toBe(minimumIterations);
    expect((await login('asdf')).status).toBe(200);
    expect(iterationsOf((await users.find('old'))!.passwordHash)).toBe(minimumIterations + 1_000);
    expect((await login('asdf')).status).toBe(200);
  });
});

describe('PasswordWork', () => {
  it('hashes at OWASP\'s 600,000 iterations by default', () => {
    expect(defaultIterations).toBe(600_000);
    expect(new PasswordWork().iterations).toBe(600_000);
  });

  it('runs at most maxConcurrent hashes at once, queues maxWaiting more and refuses the rest with 503', async () => {
    const work = new PasswordWork({ iterations: minimumIterations, maxConcurrent: 2, maxWaiting: 3 });
    const attempts = Array.from({ length: 8 }, () => work.hash('pw').then(() => 'done', (error: Error) => error));
    expect([work.running, work.waiting]).toEqual([2, 3]);
    const results = await Promise.all(attempts);
    const refused = results.filter((r): r is LimitExceededError => r instanceof LimitExceededError);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect(results.filter((r) => r === 'done')).toHaveLength(5);
    expect([work.running, work.waiting]).toEqual([0, 0]);
  });
});
