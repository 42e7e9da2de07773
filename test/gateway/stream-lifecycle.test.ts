import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../gateway/app.ts';
import { InMemoryUserDirectory, mergeSecurityModels, minimumIterations, operationsSecurityModel, setUpAuth } from '../../gateway/auth/index.ts';
import { captureLogger } from '../support/capture-logger.ts';
import { serve } from '../../gateway/serve.ts';
import { closeConnectionsNamed, eventually } from '../support/actor-system.ts';
import { managementFetch } from '../support/environment.ts';
import { echoLandscape } from './fixtures/echo-landscape.ts';
import { SseClient } from '../support/sse-client.ts';
import { StreamingGateway } from './fixtures/streaming-gateway.ts';
import { testInternals } from '../../actors/testing.ts';
import type { Envelope } from '../../actors/mod.ts';

const edge = new StreamingGateway('gw-stream-life', { stream: { heartbeatInterval: 200 } });
beforeAll(() => edge.start());
afterAll(() => edge.cleanup());

describe('resuming a stream', () => {
  it('resumes after Last-Event-ID with every event missed meanwhile, in order, then live', async () => {
    const watcher = await edge.open();
    const first = await edge.open('?sessionId=tab-resume');
    const seen = await edge.publish('Shouted', { sessionId: 'tab-resume' }, { n: 1 });
    await first.waitForMessage((m) => m.id === seen.id);
    await first.close();

    const missed = [
      await edge.publish('Shouted', { sessionId: 'tab-resume' }, { n: 2 }),
      await edge.publish('Shouted', { sessionId: 'tab-x' }),
      await edge.publish('Shouted', { sessionId: 'tab-resume' }, { n: 3 }),
    ];
    await watcher.waitForMessage((m) => m.id === missed[2]!.id); // the hub has them all
    const resumed = await edge.open('?sessionId=tab-resume', { 'last-event-id': seen.id });
    const live = await edge.publish('Shouted', { sessionId: 'tab-resume' }, { n: 4 });
    await resumed.waitForMessage((m) => m.id === live.id);
    expect(resumed.comments[0]).toBe(`resuming after ${seen.id}`);
    expect(resumed.messages.map((m) => m.id)).toEqual([missed[0]!.id, missed[2]!.id, live.id]);
  });

  it('starts live, and says so, when the Last-Event-ID is not in the buffer', async () => {
    const client = await edge.open('', { 'last-event-id': 'never-seen' });
    expect(client.comments[0]).toMatch(/never-seen is no longer buffered; live from here/);
    const live = await edge.publish('Shouted');
    await client.waitForMessage((m) => m.id === live.id);
    expect(client.messages.map((m) => m.id)).toEqual([live.id]);
  });

  it('starts a stream of one flow with what the buffer holds of it, as a monitor opened after the request needs', async () => {
    const watcher = await edge.open();
    const { correlationId } = await edge.shout('early', 'tab-monitor');
    await watcher.waitForMessage((m) => m.metadata.correlationId === correlationId);
    const monitor = await edge.open(`?correlationId=${correlationId}`);
    await monitor.waitForMessage((m) => m.type === 'Shouted' && m.metadata.correlationId === correlationId);
  });
});

describe('keeping and releasing a stream', () => {
  it('sends a comment heartbeat at the configured interval', async () => {
    const client = await edge.open('?sessionId=tab-quiet');
    await client.waitFor((f) => f.comment === 'heartbeat', 'a heartbeat', 2_000);
  });

  it('releases a client that disconnects: its listener and heartbeat timer go with it', async () => {
    const before = edge.gateway.events.activeStreams;
    const client = await edge.open('?sessionId=tab-leaving');
    expect(edge.gateway.events.activeStreams).toBe(before + 1);
    await client.close();
    await eventually(() => edge.gateway.events.activeStreams === before, 5_000, 'the stream to be released');
  });

  it('ends every open stream when the gateway closes, so the server can stop', async () => {
    const users = await InMemoryUserDirectory.create([], { iterations: minimumIterations });
    const auth = setUpAuth({ users, secret: 'closing-secret', model: mergeSecurityModels([operationsSecurityModel]), logger: captureLogger('silent').logger });
    const gateway = createApp({ system: () => edge.system, landscapes: [echoLandscape], auth: auth.mount });
    const server = await serve(gateway.app, 0);
    const login = await gateway.app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'asdf' }) });
    const { token } = await login.json() as { token: string };
    const client = await SseClient.open(`http://127.0.0.1:${server.port}/api/echo/stream`, { authorization: `Bearer ${token}` });
    await gateway.close();
    await eventually(() => client.ended, 5_000, 'the stream to end');
    expect(gateway.events.activeStreams).toBe(0);
    await server.close();
  });
});

describe('resuming on a gateway that started after the events (from the replay stream)', () => {
  const bounded = new StreamingGateway('gw-stream-bounds', { stream: { replay: { events: 4 } } });
  beforeAll(() => bounded.start());
  afterAll(() => bounded.cleanup());

  it('replays what it never read, within the same bounds as its buffer: an id more than `events` back is no longer buffered', async () => {
    const watcher = await bounded.open();
    const sent: Envelope[] = [];
    for (let n = 1; n <= 6; n++) sent.push(await bounded.publish('Shouted', {}, { n }));
    await watcher.waitForMessage((m) => m.id === sent[5]!.id);
    const replica = await bounded.startReplica();
    const open = async (after: string) => {
      const client = await SseClient.open(`${replica}/api/echo/stream`, { authorization: `Bearer ${await bounded.token('ann')}`, 'last-event-id': after });
      bounded.clients.push(client);
      return client;
    };
    const recent = await open(sent[2]!.id); // three events after it: within four
    expect(recent.comments[0]).toBe(`resuming after ${sent[2]!.id}`);
    await recent.waitForMessage((m) => m.id === sent[5]!.id);
    expect(recent.messages.map((m) => m.id)).toEqual(sent.slice(3).map((e) => e.id));
    const old = await open(sent[0]!.id); // five after it: beyond the bound, as in the buffer of the gateway that read them
    expect(old.comments[0]).toMatch(/is no longer buffered; live from here/);
  });
});

describe('the broker side', () => {
  it('reads each landscape\'s replay stream (durable, bounded, shared by every replica) with one consumer for the whole gateway, however many streams', async () => {
    await edge.open();
    await edge.open('?sessionId=another');
    await edge.open('', {}, 'quiet');
    type Listed = { name: string; exclusive: boolean; durable: boolean; consumers?: number; arguments: Record<string, unknown> };
    const listed = async () => (await (await managementFetch('/api/queues/%2F?columns=name,exclusive,durable,consumers,arguments')).json() as Listed[])
      .filter((q) => q.name.startsWith(`${edge.systems.namespace}.`));
    // The management API counts consumers in its next statistics round.
    const queues = await eventually(async () => {
      const found = (await listed()).filter((q) => q.name.includes('.actors.replay.'));
      return found.length > 0 && found.every((q) => q.consumers === 1) ? found : undefined;
    }, 15_000, 'one consumer of each replay stream');
    for (const queue of queues) {
      expect(queue).toMatchObject({ exclusive: false, durable: true, consumers: 1, arguments: { 'x-queue-type': 'stream' } });
      expect(queue.arguments['x-max-length-bytes']).toBeGreaterThan(0);
    }
    expect((await listed()).filter((q) => q.name.startsWith(`${edge.systems.namespace}.gateway.`))).toEqual([]); // no queue of its own
  });

  it('keeps streaming after the broker connection is lost and recovered', async () => {
    const client = await edge.open('?sessionId=tab-recover');
    const connections = testInternals(edge.system).broker.connectionCount;
    await closeConnectionsNamed(edge.systems.connectionName(edge.system));
    await eventually(() => testInternals(edge.system).broker.connectionCount > connections && testInternals(edge.system).broker.connected, 20_000, 'the reconnection');
    const after = await edge.publish('Shouted', { sessionId: 'tab-recover' });
    await client.waitForMessage((m) => m.id === after.id, 'an event published after recovery', 15_000);
  });
});
