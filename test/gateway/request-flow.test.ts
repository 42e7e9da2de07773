import { appMigrations } from '../../app-config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineActor, type ActorSystem, type Envelope } from '../../actors/mod.ts';
import { createApp } from '../../gateway/app.ts';
import { TestSystems, eventually } from '../support/actor-system.ts';
import { databaseUrl } from '../support/environment.ts';
import { echoLandscape, echoMigrations, shouter } from './fixtures/echo-landscape.ts';

const systems = new TestSystems('gw-flow');
const seen: Envelope[] = [];
// Listens to the echo landscape's events, to see the metadata the request's messages carry.
const observer = defineActor({
  landscape: 'echo',
  service: 'observer',
  events: { Shouted: (m) => { seen.push(m); }, Error: (m) => { seen.push(m); } },
});
let system: ActorSystem;

beforeAll(async () => {
  system = await systems.start({
    actors: [shouter, observer],
    allowForcedErrors: true, // the runtime honours it; whether a request may set it is the gateway's call
    database: { url: databaseUrl(), migrations: [appMigrations, echoMigrations] },
  });
});
afterAll(() => systems.cleanup());

function shout(app: ReturnType<typeof createApp>['app'], text: string, headers: Record<string, string> = {}) {
  return app.request('/api/echo/shouts', { method: 'POST', body: JSON.stringify({ text }), headers: { 'content-type': 'application/json', ...headers } });
}

describe('x-session-id and x-request-id', () => {
  const { app } = createApp({ system: () => system, landscapes: [echoLandscape] });

  it('returns both as response headers and copies them into every message the request causes', async () => {
    const response = await shout(app, 'flow', { 'x-session-id': 'tab-7', 'x-request-id': 'req-7' });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-session-id')).toBe('tab-7');
    expect(response.headers.get('x-request-id')).toBe('req-7');
    const { id, correlationId } = await response.json() as { id: string; correlationId: string };

    const event = await eventually(() => seen.find((m) => m.metadata.causationId === id));
    expect(event.type).toBe('Shouted');
    expect(event.metadata).toMatchObject({ sessionId: 'tab-7', requestId: 'req-7', correlationId });
  });

  it('makes a request id when the client sends none, and echoes it on errors too', async () => {
    const accepted = await shout(app, 'no ids');
    expect(accepted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted.headers.get('x-session-id')).toBeNull();

    const unknownRoute = await app.request('/api/echo/nothing', { headers: { 'x-request-id': 'req-404', 'x-session-id': 'tab-404' } });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('x-request-id')).toBe('req-404');
    expect(unknownRoute.headers.get('x-session-id')).toBe('tab-404');
    const invalid = await shout(app, '', { 'x-request-id': 'req-400' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-request-id')).toBe('req-400');
    const tooLarge = await shout(app, 'x'.repeat(200_000), { 'x-request-id': 'req-413' });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('x-request-id')).toBe('req-413');
  });

  it('refuses an id too long to carry in every message with 400', async () => {
    const response = await shout(app, 'long', { 'x-session-id': 's'.repeat(500) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: 'headers.x-session-id' }] });
  });
});

describe('x-force-error', () => {
  it('is copied into the messages of the request when forced errors are allowed', async () => {
    const { app } = createApp({ system: () => system, landscapes: [echoLandscape], allowForcedErrors: true });
    const response = await shout(app, 'forced', { 'x-session-id': 'tab-forced', 'x-force-error': 'business@echo.shouter' });
    expect(response.status).toBe(202);
    const { id } = await response.json() as { id: string };

    const error = await eventually(() => seen.find((m) => m.type === 'Error' && m.data.originalId === id));
    expect(error.metadata).toMatchObject({ sessionId: 'tab-forced', forceError: 'business@echo.shouter' });
    expect(error.data).toMatchObject({ errorClass: 'BusinessError', originalType: 'Shout' });
  });

  it('is ignored when forced errors are not allowed', async () => {
    const { app } = createApp({ system: () => system, landscapes: [echoLandscape] });
    const response = await shout(app, 'not forced', { 'x-force-error': 'business@echo.shouter' });
    expect(response.status).toBe(202);
    const { id } = await response.json() as { id: string };

    const event = await eventually(() => seen.find((m) => m.metadata.causationId === id));
    expect(event.type).toBe('Shouted');
    expect(event.metadata.forceError).toBeUndefined();
  });

  it('is refused with 400 when allowed but not of the form <kind>@<landscape>.<service>', async () => {
    const { app } = createApp({ system: () => system, landscapes: [echoLandscape], allowForcedErrors: true });
    const response = await shout(app, 'bad force', { 'x-force-error': 'explode' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: 'headers.x-force-error' }] });
  });
});
