import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineActor } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import { createApp } from '../../../gateway/app.ts';
import { readMetricsToken } from '../../../gateway/edge-config.ts';
import { amqpUrl } from '../../support/environment.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { parseExposition, sampleValue } from '../../support/prometheus-text.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { eventually } from '../../support/wait.ts';

// One actor with state (so the database is checked too), its broker reached through a proxy this test cuts.
const probe = defineActor({ landscape: 'probes', service: 'probe', commands: { Noop: () => {} } });
let proxy: TcpProxy;
let edge: TestEdge;
beforeAll(async () => {
  proxy = await TcpProxy.toBroker(amqpUrl());
  edge = await TestEdge.start('probes', [], { actors: [probe], amqpUrl: proxy.url(amqpUrl()) });
});
afterAll(async () => {
  proxy?.restore();
  await edge?.cleanup();
  await proxy?.close();
});

describe('health probes', () => {
  it('/readyz answers 503 with the reason while the broker is cut and 200 once it is back; /livez stays 200; /api/health keeps its contract', async () => {
    const ready = await edge.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: [{ name: 'stage', ok: true }, { name: 'broker', ok: true }, { name: 'database', ok: true }] });

    proxy.cut();
    await eventually(() => !testInternals(edge.system).broker.connected, 10_000, 'the system to notice the broker is gone');
    const cut = await edge.call('GET', '/readyz');
    expect(cut.status).toBe(503);
    expect(cut.body).toMatchObject({ status: 'not-ready', reasons: ['the RabbitMQ connection is down'] });
    expect(cut.body.checks).toContainEqual({ name: 'broker', ok: false, reason: 'the RabbitMQ connection is down' });
    expect((await edge.call('GET', '/livez')).status).toBe(200);
    const health = await edge.call('GET', '/api/health');
    expect(health.status).toBe(200); // its contract: the stage (stable), with the broker's state beside it
    expect(health.body).toMatchObject({ status: 'stable', broker: 'disconnected' });
    const metrics = parseExposition((await edge.call('GET', '/metrics')).body as unknown as string);
    expect(sampleValue(metrics, 'actors_broker_connected')).toBe(0);

    proxy.restore();
    await eventually(async () => (await edge.call('GET', '/readyz')).status === 200, 30_000, '/readyz 200 after the broker came back');
    expect(sampleValue(parseExposition((await edge.call('GET', '/metrics')).body as unknown as string), 'actors_broker_connected')).toBe(1);
  });

  it('/readyz says what a system not yet started lacks; /livez answers all the same', async () => {
    const { app } = createApp({ system: () => undefined });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not-ready', reasons: ['the actor system is in stage created, not stable', 'the RabbitMQ connection is down'] });
    const live = await app.request('/livez');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });
  });
});

describe('access to /metrics', () => {
  it('is open by default; with METRICS_TOKEN only a bearer of that token is answered', async () => {
    expect((await createApp({ system: () => undefined }).app.request('/metrics')).status).toBe(200);
    const token = 'a-scraper-token-0123456789';
    const { app } = createApp({ system: () => undefined, metricsToken: token });
    const refused = await app.request('/metrics');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789xx' } })).status).toBe(401);
    const answered = await app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(answered.status).toBe(200);
    expect(parseExposition(await answered.text()).map((family) => family.name)).toContain('gateway_sse_open_streams');
  });

  it('refuses a METRICS_TOKEN that is short or has spaces; unset or empty leaves /metrics open', () => {
    expect(readMetricsToken({})).toBeUndefined();
    expect(readMetricsToken({ METRICS_TOKEN: '' })).toBeUndefined();
    expect(readMetricsToken({ METRICS_TOKEN: 'x'.repeat(16) })).toBe('x'.repeat(16));
    expect(() => readMetricsToken({ METRICS_TOKEN: 'short' })).toThrow(RangeError);
    expect(() => readMetricsToken({ METRICS_TOKEN: 'has a space in it 0123' })).toThrow(RangeError);
  });
});
