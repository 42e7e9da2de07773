import { appMigrations } from '../../app-config.ts';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaName, type ActorSystem } from '../../actors/mod.ts';
import { createApp, type Gateway } from '../../gateway/app.ts';
import { problem, problemResponse } from '../../gateway/problem.ts';
import { TestSystems, testDatabase } from '../support/actor-system.ts';
import { databaseUrl } from '../support/environment.ts';
import { echoLandscape, echoMigrations, shouter } from './fixtures/echo-landscape.ts';

const systems = new TestSystems('gw-problems');
const sql = testDatabase();
let system: ActorSystem;
let gateway: Gateway;

beforeAll(async () => {
  system = await systems.start({ actors: [shouter], database: { url: databaseUrl(), migrations: [appMigrations, echoMigrations] } });
  gateway = createApp({ system: () => system, landscapes: [echoLandscape], bodyLimit: 1024 });
});
afterAll(async () => {
  await gateway.close();
  await sql.end();
  await systems.cleanup();
});

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  gateway.app.request(path, { method: 'POST', body, headers });
const storedShouts = async () => (await sql.unsafe(`select count(*)::int as n from "${schemaName(systems.namespace, 'echo_shouter')}".shouts`))[0]!.n as number;

async function expectProblem(response: Response, status: number, type: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expect(body).toMatchObject({ type: `/problems/${type}`, status, title: expect.any(String), detail: expect.any(String) });
  return body as { errors?: Array<{ path: string; message: string }>; detail: string };
}

describe('bad input is a 400 problem and stores nothing', () => {
  it('answers 400 to malformed JSON', async () => {
    const body = await expectProblem(await post('/api/echo/shouts', '{"text": "hi",'), 400, 'validation');
    expect(body.errors).toEqual([{ path: '', message: expect.any(String) }]);
    expect(await storedShouts()).toBe(0);
  });

  it('answers 400 with the field and reason to a wrong type, a missing field and an unknown field', async () => {
    const wrongType = await expectProblem(await post('/api/echo/shouts', JSON.stringify({ text: 42 })), 400, 'validation');
    expect(wrongType.errors).toEqual([{ path: 'text', message: expect.stringMatching(/string/) }]);
    const missing = await expectProblem(await post('/api/echo/shouts', JSON.stringify({ room: 'r' })), 400, 'validation');
    expect(missing.errors).toEqual([{ path: 'text', message: expect.any(String) }]);
    const unknown = await expectProblem(await post('/api/echo/shouts', JSON.stringify({ text: 'hi', colour: 'red' })), 400, 'validation');
    expect(unknown.errors).toEqual([{ path: 'colour', message: 'unknown field' }]);
    expect(await storedShouts()).toBe(0);
  });

  it('answers 400 to a body that is not JSON at all', async () => {
    await expectProblem(await post('/api/echo/shouts', 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'validation');
    await expectProblem(await post('/api/echo/shouts', 'null'), 400, 'validation');
    expect(await storedShouts()).toBe(0);
  });

  it('answers 413 to a body over the limit', async () => {
    await expectProblem(await post('/api/echo/shouts', JSON.stringify({ text: 'x'.repeat(2048) })), 413, 'too-large');
    expect(await storedShouts()).toBe(0);
  });

  it('accepts the same request when it is well formed', async () => {
    const response = await post('/api/echo/shouts', JSON.stringify({ text: 'hi' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ id: expect.any(String), correlationId: expect.any(String) });
    expect(await storedShouts()).toBe(1);
  });
});

describe('unknown routes', () => {
  it('answers 404 problem+json to an unknown path, method or landscape stream', async () => {
    await expectProblem(await gateway.app.request('/api/nowhere'), 404, 'not-found');
    await expectProblem(await gateway.app.request('/api/echo/shouts'), 404, 'not-found');
    await expectProblem(await gateway.app.request('/api/other-landscape/stream'), 404, 'not-found');
  });
});

describe('runtime errors are mapped at the edge', () => {
  it.each([
    ['validation', 400, 'validation'],
    ['not-found', 404, 'not-found'],
    ['conflict', 409, 'conflict'],
    ['business', 409, 'business'],
    ['publish-rejected', 503, 'publish-rejected'],
  ])('maps a thrown %s error to %i', async (kind, status, type) => {
    const body = await expectProblem(await post(`/api/echo/fail/${kind}`, ''), status, type);
    if (kind === 'validation') expect(body.errors).toEqual([{ path: 'quantity', message: 'at most 10' }]);
  });

  it('answers 503 when a command has no mailbox to go to (UnroutableError)', async () => {
    const response = await post('/api/echo/send/nobody', JSON.stringify({ text: 'hi' }));
    await expectProblem(response, 503, 'unroutable');
    expect(response.headers.get('retry-after')).toBeTruthy();
  });

  it('answers 500 to anything else, without its message or stack, but with the request id', async () => {
    const response = await post('/api/echo/fail/boom', '', { 'x-request-id': 'req-boom' });
    const body = await expectProblem(response, 500, 'internal');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|internal\.ts|at /);
    expect(body.detail).toContain('req-boom');
  });

  it('answers with the response an HTTPException carries (Hono\'s convention, used by auth)', async () => {
    const withMount = createApp({
      system: () => system,
      extraRoutes: [(app) => app.get('/api/teapot', () => {
        throw new HTTPException(403, { res: problemResponse(problem('forbidden', 403, 'Forbidden', 'not yours')) });
      })],
    });
    await expectProblem(await withMount.app.request('/api/teapot'), 403, 'forbidden');
  });

  it('answers 503 to a landscape route before the actor system runs', async () => {
    const early = createApp({ system: () => undefined, landscapes: [echoLandscape] });
    await expectProblem(await early.app.request('/api/echo/shouts', { method: 'POST', body: '{"text":"hi"}', headers: { 'content-type': 'application/json' } }), 503, 'unavailable');
    // A stream needs a login first; without the auth mount none exists (never open by omission).
    await expectProblem(await early.app.request('/api/echo/stream'), 401, 'unauthorized');
  });
});

