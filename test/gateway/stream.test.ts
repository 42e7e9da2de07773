import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamingGateway } from './fixtures/streaming-gateway.ts';

const edge = new StreamingGateway('gw-stream');
beforeAll(() => edge.start());
afterAll(() => edge.cleanup());

describe('GET /api/<landscape>/stream', () => {
  it('streams the landscape events caused by a request as event/id/data frames', async () => {
    const client = await edge.open('?sessionId=tab-e2e');
    expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { id } = await edge.shout('hello', 'tab-e2e');

    const frame = await client.waitFor((f) => f.event === 'Shouted');
    const message = JSON.parse(frame.data!);
    expect(Object.keys(message).sort()).toEqual(['data', 'id', 'kind', 'metadata', 'type']);
    expect(frame.id).toBe(message.id);
    expect(message).toMatchObject({ kind: 'event', type: 'Shouted', data: { text: 'HELLO' }, metadata: { causationId: id, sessionId: 'tab-e2e' } });
  });

  it('gives each session only its own events, and an unfiltered stream all of them', async () => {
    const [a, b, all] = [await edge.open('?sessionId=tab-a'), await edge.open('?sessionId=tab-b'), await edge.open()];
    const forA = await edge.publish('Shouted', { sessionId: 'tab-a' });
    const forB = await edge.publish('Shouted', { sessionId: 'tab-b' });
    await all.waitForMessage((m) => m.id === forB.id);
    await a.waitForMessage((m) => m.id === forA.id);
    await b.waitForMessage((m) => m.id === forB.id);
    expect(a.messages.map((m) => m.id)).not.toContain(forB.id);
    expect(b.messages.map((m) => m.id)).not.toContain(forA.id);
    expect(all.messages.map((m) => m.id)).toEqual(expect.arrayContaining([forA.id, forB.id]));
  });

  it('narrows by correlationId and by the landscape filters, and refuses unknown filters with 400', async () => {
    const flow = await edge.open('?correlationId=flow-1&room=kitchen');
    const other = await edge.publish('Shouted', { correlationId: 'flow-2' }, { room: 'kitchen' });
    const elsewhere = await edge.publish('Shouted', { correlationId: 'flow-1' }, { room: 'hall' });
    const wanted = await edge.publish('Shouted', { correlationId: 'flow-1' }, { room: 'kitchen' });
    await flow.waitForMessage((m) => m.id === wanted.id);
    expect(flow.messages.map((m) => m.id)).toEqual([wanted.id]);

    const refused = await fetch(edge.url('/api/echo/stream?sesionId=typo'), { headers: { authorization: `Bearer ${await edge.token('ann')}` } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ path: 'query.sesionId' }] });
  });

  it('sends an Error only to the stream of the session whose request failed', async () => {
    const origin = await edge.open('?sessionId=tab-err');
    const otherSession = await edge.open('?sessionId=tab-other');
    const noSession = await edge.open();
    const { id, correlationId } = await edge.shout('refuse', 'tab-err');
    const sameFlow = await edge.open(`?correlationId=${correlationId}`);

    const error = await origin.waitFor((f) => f.event === 'Error');
    expect(JSON.parse(error.data!)).toMatchObject({
      type: 'Error', data: { errorClass: 'BusinessError', originalType: 'Shout', originalId: id, message: expect.any(String) },
      metadata: { sessionId: 'tab-err', correlationId },
    });
    // Published after the Error reached its session, so a stream that gets the marker would have got the Error first.
    const marker = await edge.publish('Marker', { sessionId: 'tab-other', correlationId });
    for (const stream of [otherSession, noSession, sameFlow]) await stream.waitForMessage((m) => m.id === marker.id);
    for (const stream of [otherSession, noSession, sameFlow]) expect(stream.messages.map((m) => m.type)).not.toContain('Error');
  });

  it('streams each landscape its own events, also one with no service running in this process', async () => {
    // The quiet landscape states no stream rules: only the operations role reads it.
    const quiet = await edge.open('', {}, 'quiet', 'admin');
    const echo = await edge.open();
    const hush = await edge.publish('Hushed', {}, {}, 'quiet');
    const shouted = await edge.publish('Shouted');
    await quiet.waitForMessage((m) => m.id === hush.id);
    await echo.waitForMessage((m) => m.id === shouted.id);
    expect(quiet.messages.map((m) => m.id)).toEqual([hush.id]);
    expect(echo.messages.map((m) => m.id)).not.toContain(hush.id);
  });
});
