import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, type ActorSystem, type Envelope } from '../../../actors/mod.ts';
import { TestSystems, eventually, sleep } from '../../support/actor-system.ts';
import { adminGateway } from './admin-gateway.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('admin-actors');
afterAll(() => systems.cleanup());

const handled: Envelope[] = [];
const press = defineActor({ landscape: 'ops', service: 'press', commands: { Press: (m) => { handled.push(m); } } });
const bottler = defineActor({ landscape: 'ops', service: 'bottler', partitions: 2, commands: { Fill: () => {} } });

interface Mailbox { queue: string; landscape: string; service: string; consumers: number; ready: number; unacked: number | null; paused: boolean; stage: string }

let system: ActorSystem;
let gateway: Awaited<ReturnType<typeof adminGateway>>;
beforeAll(async () => {
  system = await systems.start({ actors: [press, bottler] });
  gateway = await adminGateway(() => system);
});

const mailboxes = () => gateway.json<Mailbox[]>('GET', '/api/admin/actors');

describe('GET /api/admin/actors', () => {
  it('lists every consumed mailbox and partition with its counts from the management API', async () => {
    const press = system.names.mailbox('ops', 'press');
    const bottler = system.names.mailbox('ops', 'bottler');
    // The management API reports a queue after its next statistics round.
    const listed = await eventually(async () => {
      const all = await mailboxes();
      return all.every((m) => m.unacked !== null && m.consumers === 1) ? all : undefined;
    }, 20_000, 'management statistics of every mailbox');
    expect(listed).toEqual([
      { queue: press, landscape: 'ops', service: 'press', consumers: 1, ready: 0, unacked: 0, paused: false, stage: 'stable' },
      { queue: `${bottler}.0-of-2`, landscape: 'ops', service: 'bottler', consumers: 1, ready: 0, unacked: 0, paused: false, stage: 'stable' },
      { queue: `${bottler}.1-of-2`, landscape: 'ops', service: 'bottler', consumers: 1, ready: 0, unacked: 0, paused: false, stage: 'stable' },
    ]);
  });

  it('pauses and resumes one mailbox: a paused mailbox keeps its messages, then they are handled', async () => {
    const queue = system.names.mailbox('ops', 'press');
    expect(await gateway.json('POST', `/api/admin/actors/${queue}/pause`)).toEqual({ queue, paused: true });
    const sent = [1, 2, 3].map((n) => createCommand('Press', { n }, { source: 'test' }));
    for (const command of sent) await testInternals(system).bus.send('ops', 'press', command);

    const paused = await eventually(async () => {
      const found = (await mailboxes()).find((m) => m.queue === queue);
      return found?.ready === 3 && found.consumers === 0 ? found : undefined;
    }, 20_000, 'three messages waiting in the paused mailbox');
    expect(paused).toMatchObject({ paused: true, unacked: 0 });
    await sleep(200);
    expect(handled.filter((m) => sent.some((s) => s.id === m.id))).toEqual([]);

    expect(await gateway.json('POST', `/api/admin/actors/${queue}/resume`)).toEqual({ queue, paused: false });
    await eventually(() => sent.every((s) => handled.some((m) => m.id === s.id)));
    expect((await mailboxes()).find((m) => m.queue === queue)?.paused).toBe(false);
  });

  it('answers 404 for a queue this system does not consume', async () => {
    const response = await gateway.call('POST', '/api/admin/actors/no.such.queue/pause');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('falls back to AMQP counts (no unacked) when the management API does not answer', async () => {
    const unreachable = await adminGateway(() => system, { management: { url: 'http://guest:guest@127.0.0.1:1', vhost: '/', timeout: 500 } });
    const amqpOnly = await adminGateway(() => system, { management: false });
    for (const edge of [unreachable, amqpOnly]) {
      const listed = await edge.json<Mailbox[]>('GET', '/api/admin/actors');
      expect(listed).toHaveLength(3);
      expect(listed[0]).toMatchObject({ queue: system.names.mailbox('ops', 'press'), consumers: 1, ready: 0, unacked: null, paused: false });
    }
  });

  it('is for admins only: 401 without a token, 403 for another role', async () => {
    const queue = system.names.mailbox('ops', 'press');
    for (const [method, path] of [['GET', '/api/admin/actors'], ['POST', `/api/admin/actors/${queue}/pause`], ['GET', '/api/admin/unknown']] as const) {
      const anonymous = await gateway.call(method, path, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await gateway.call(method, path, gateway.salesToken)).status).toBe(403);
    }
    expect(system.operations.mailboxes.find((m) => m.queue === queue)?.subscription.paused).toBe(false);
  });
});
