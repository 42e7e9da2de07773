import type { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createMessageSigner, encodeMessage, headers } from '../../actors/mod.ts';
import { SseClient } from '../support/sse-client.ts';
import { StreamingGateway } from './fixtures/streaming-gateway.ts';
import { testInternals } from '../../actors/testing.ts';

// The common spec's "Live updates" rules at the gateway: streams for authenticated users
// only, each reader only what the landscape's rules let them read, sessions bound to their
// principal, verified signatures, bounded streams.
const edge = new StreamingGateway('gw-stream-sec', { stream: { bounds: { perUser: 3, total: 8 } } });
beforeAll(() => edge.start());
afterAll(() => edge.cleanup());

describe('who may open a stream', () => {
  it('answers 401 problem+json without a token, with a token in the query string, and with a forged token', async () => {
    const refusals = [
      await fetch(edge.url('/api/echo/stream')),
      await fetch(edge.url(`/api/echo/stream?access_token=${await edge.token('ann')}`)),
      await fetch(edge.url(`/api/echo/stream?token=${await edge.token('ann')}`)),
      await fetch(edge.url('/api/echo/stream'), { headers: { authorization: 'Bearer not.a.token' } }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('refuses a stream beyond the bound per user, and beyond the total, with 429 and Retry-After', async () => {
    const mine = [await edge.open('', {}, 'echo', 'cid'), await edge.open('', {}, 'echo', 'cid'), await edge.open('', {}, 'echo', 'cid')];
    const fourth = await fetch(edge.url('/api/echo/stream'), { headers: { authorization: `Bearer ${await edge.token('cid')}` } });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await fourth.json()).toMatchObject({ status: 429, type: '/problems/too-many-streams' });
    // Another user still gets one, until the process holds its total.
    const others = [];
    while (edge.gateway.events.activeStreams < 8) others.push(await edge.open('', {}, 'echo', others.length % 2 ? 'bob' : 'admin'));
    const beyond = await fetch(edge.url('/api/echo/stream'), { headers: { authorization: `Bearer ${await edge.token('ann')}` } });
    expect(beyond.status).toBe(429);
    // A stream that ends gives its place back.
    await mine[0]!.close();
    for (const client of others) await client.close();
    const again = await edge.open('', {}, 'echo', 'cid');
    expect(again.response.status).toBe(200);
    for (const client of [...mine.slice(1), again]) await client.close();
  });
});

describe('what a reader receives', () => {
  it('gives each reader only the events the landscape lets them read, and never a redacted secret', async () => {
    const [ann, bob] = [await edge.open('', {}, 'echo', 'ann'), await edge.open('', {}, 'echo', 'bob')];
    const annsOwn = await edge.publish('Shouted', {}, { owner: 'ann', text: 'mine' });
    const bobsOwn = await edge.publish('Shouted', {}, { owner: 'bob', text: 'mine' });
    const secret = await edge.publish('Shouted', {}, { secret: 'hunter2' });
    await ann.waitForMessage((m) => m.id === secret.id);
    await bob.waitForMessage((m) => m.id === secret.id);
    expect(ann.messages.map((m) => m.id)).toEqual([annsOwn.id, secret.id]);
    expect(bob.messages.map((m) => m.id)).toEqual([bobsOwn.id, secret.id]);
    for (const client of [ann, bob]) expect(JSON.stringify(client.frames)).not.toContain('hunter2');
    expect(ann.messages.find((m) => m.id === secret.id)!.data.secret).toBe('[redacted]');

    // Resuming applies the same rules to what the buffer replays.
    const resumed = await edge.open('', { 'last-event-id': annsOwn.id }, 'echo', 'bob');
    const marker = await edge.publish('Marker');
    await resumed.waitForMessage((m) => m.id === marker.id);
    expect(resumed.messages.map((m) => m.id)).toEqual([bobsOwn.id, secret.id, marker.id]);

    // And to what another gateway, started since, replays from the landscape's replay stream.
    const replica = await edge.startReplica();
    const elsewhere = await SseClient.open(`${replica}/api/echo/stream`, { authorization: `Bearer ${await edge.token('bob')}`, 'last-event-id': annsOwn.id });
    edge.clients.push(elsewhere);
    expect(elsewhere.comments[0]).toBe(`resuming after ${annsOwn.id}`);
    const later = await edge.publish('Marker');
    await elsewhere.waitForMessage((m) => m.id === later.id);
    expect(elsewhere.messages.map((m) => m.id)).toEqual([bobsOwn.id, secret.id, marker.id, later.id]);
    expect(JSON.stringify(elsewhere.frames)).not.toContain('hunter2');
  });

  it('gives a session\'s events and errors only to the user whose request caused them, whoever sends its id', async () => {
    const owner = await edge.open('?sessionId=tab-owned', {}, 'echo', 'ann');
    const intruder = await edge.open('?sessionId=tab-owned', {}, 'echo', 'bob');
    const { correlationId } = await edge.shout('refuse', 'tab-owned', 'ann');
    await owner.waitFor((f) => f.event === 'Error');
    // bob using the same session id in his own requests makes them his, not ann's.
    await edge.shout('bobs', 'tab-owned', 'bob');
    await intruder.waitForMessage((m) => m.type === 'Shouted' && m.data.text === 'BOBS');
    expect(intruder.messages.filter((m) => m.metadata.correlationId === correlationId)).toEqual([]);
    expect(owner.messages.map((m) => m.data.text)).not.toContain('BOBS');
  });

  it('streams no event whose signature is missing or wrong (as every actor parks them), and logs why', async () => {
    const client = await edge.open('', {}, 'echo', 'admin');
    const exchange = edge.system.names.events('echo');
    const raw = (text: string, sign?: (content: Buffer, properties: ReturnType<typeof encodeMessage>['properties']) => void) => {
      const { content, properties } = encodeMessage(createEvent('Shouted', { text }, { source: 'mallory' }));
      sign?.(content, properties);
      return testInternals(edge.system).broker.publish({ exchange, routingKey: 'Shouted', content, properties });
    };
    await raw('unsigned');
    await raw('forged', (c, p) => { p.headers[headers.signature] = createMessageSigner('not-the-key').sign(c, p); });
    await raw('garbage', (_c, p) => { p.headers[headers.signature] = 'garbage'; });
    const genuine = await edge.publish('Shouted', {}, { text: 'genuine' });
    await client.waitForMessage((m) => m.id === genuine.id);
    expect(client.messages.map((m) => m.data.text)).toEqual(['genuine']);
  });
});

describe('a stream outside any login', () => {
  it('is refused, never open, on a gateway without the auth mount', async () => {
    const { createApp } = await import('../../gateway/app.ts');
    const { echoLandscape } = await import('./fixtures/echo-landscape.ts');
    const bare = createApp({ system: () => edge.system, landscapes: [echoLandscape] });
    const response = await bare.app.request('/api/echo/stream');
    expect(response.status).toBe(401);
    await bare.close();
  });

  it('keeps the SSE client contract for a logged-in reader (sanity of the fixture)', async () => {
    const client = await SseClient.open(edge.url('/api/echo/stream'), { authorization: `Bearer ${await edge.token('ann')}` });
    expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await client.close();
  });
});
