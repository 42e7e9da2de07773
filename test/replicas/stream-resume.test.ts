import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createMessageSigner, encodeMessage, headers, type Envelope } from '../../actors/mod.ts';
import type { AppProcess } from '../support/app-process.ts';
import { SseClient } from '../support/sse-client.ts';
import { eventually } from '../support/wait.ts';
import { AppReplicas, signingKey } from './app-replicas.ts';

// Gateway replicas (`SERVICES=vouchers.orders npm start`, each with its own port): a client resumes
// with Last-Event-ID on another replica than the one it left, one started after the events too.
const replicas = new AppReplicas('replica-sse');
beforeAll(() => replicas.prepare());
afterAll(() => replicas.cleanup(), 60_000);

const env = { SERVICES: 'vouchers.orders' }; // one small service: a faster start (every landscape's stream is served whatever runs)
const signer = createMessageSigner(signingKey);
let sequence = 0;

/** Publishes signed vouchers events as a service of the landscape would; returns them in order. */
async function publish(count: number): Promise<Envelope[]> {
  const channel = await replicas.channel();
  const sent: Envelope[] = [];
  for (let i = 0; i < count; i++) {
    const event = createEvent('ReplicaNoted', { n: ++sequence }, { source: 'replica-test' });
    const { content, properties } = encodeMessage(event);
    properties.headers[headers.signature] = signer.sign(content, properties as never);
    channel.publish('vouchers.events', event.type, content, properties);
    sent.push(event);
  }
  await channel.close();
  return sent;
}

async function open(app: AppProcess, lastEventId?: string): Promise<SseClient> {
  const token = await replicas.token('carol', ['CUSTOMER']); // vouchers' events are every authenticated user's
  return SseClient.open(`http://127.0.0.1:${await app.port()}/api/vouchers/stream`, {
    authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
  });
}

const noted = (client: SseClient) => client.messages.filter((m) => m.type === 'ReplicaNoted');

describe('Last-Event-ID across gateway replicas', () => {
  it('every event missed while away is delivered exactly once on another replica, one started after the events included, then live', async () => {
    const [a, b] = await Promise.all([replicas.start(env), replicas.start(env)]);
    const first = await open(a!);
    const seen = await publish(5);
    await eventually(() => noted(first).length === 5, 15_000, 'five live events on replica A');
    expect(noted(first).map((m) => m.id)).toEqual(seen.map((e) => e.id));
    await first.close();

    const missed = await publish(10); // while the client is away
    const resumed = await open(b!, seen.at(-1)!.id);
    await eventually(() => noted(resumed).length >= 10, 15_000, 'the missed events on replica B');
    expect(resumed.comments[0]).toBe(`resuming after ${seen.at(-1)!.id}`);
    const live = await publish(1);
    await eventually(() => noted(resumed).length >= 11, 15_000, 'the live event after the replay');
    expect(noted(resumed).map((m) => m.id)).toEqual([...missed, ...live].map((e) => e.id)); // in order, each once
    await resumed.close();

    // A replica added after all of it: what it never read comes from the shared stream.
    const c = await replicas.start(env);
    const late = await open(c, missed[4]!.id);
    await eventually(() => noted(late).length >= 6, 15_000, 'the missed events on replica C');
    expect(late.comments[0]).toBe(`resuming after ${missed[4]!.id}`);
    const more = await publish(2);
    await eventually(() => noted(late).length >= 8, 15_000, 'live events on replica C');
    expect(noted(late).map((m) => m.id)).toEqual([...missed.slice(5), ...live, ...more].map((e) => e.id));
    await late.close();

    // An id the stream never held still starts live, and says so.
    const unknown = await open(c, 'never-seen');
    expect(unknown.comments[0]).toMatch(/never-seen is no longer buffered; live from here/);
    await unknown.close();
  }, 120_000);
});
