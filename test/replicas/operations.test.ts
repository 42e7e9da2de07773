import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep } from '../support/wait.ts';
import { AppReplicas } from './app-replicas.ts';

// Three replicas of `SERVICES=… npm start` (one started later), as a deployment runs them.
const replicas = new AppReplicas('replica-ops');
beforeAll(() => replicas.prepare());
afterAll(() => replicas.cleanup(), 60_000);

// The services the test touches (fewer actors: a faster start); the restaurant's routes are mounted whatever runs.
const env = { SERVICES: 'restaurant.cashier,restaurant.kitchen,restaurant.cook-tom', TIME_SCALE: '0.1' };
const cashier = 'restaurant.cashier';
const cookTom = 'restaurant.cook-tom';

describe('the operations API of several replicas', () => {
  it('a pause from one replica holds in every replica, one started later too, until resumed from another; a cook\'s pause likewise; the dead-letter office agrees everywhere', async () => {
    const [a, b] = await Promise.all([replicas.start(env), replicas.start(env)]);
    await eventually(async () => (await replicas.queueCounts(cashier)).consumers === 2, 10_000, 'two consumers of the cashier');

    expect(await replicas.call(a!, 'POST', `/api/admin/actors/${cashier}/pause`)).toEqual({ status: 200, json: { queue: cashier, paused: true } });
    await eventually(async () => (await replicas.queueCounts(cashier)).consumers === 0, 10_000, 'no consumer of the paused cashier');
    const pausedIn = async (app: typeof a) => (await replicas.call(app!, 'GET', '/api/admin/actors')).json.find((m: { queue: string }) => m.queue === cashier)?.paused;
    expect(await pausedIn(b)).toBe(true);

    // A message for the paused mailbox waits (unsigned, so once consumed it is parked: a dead letter for later).
    const channel = await replicas.channel();
    channel.sendToQueue(cashier, Buffer.from('{"not":"a message"}'), { messageId: 'raw-1', type: 'BillRequested', persistent: true });
    await eventually(async () => (await replicas.queueCounts(cashier)).ready === 1, 10_000, 'the message waiting');

    // A replica started now keeps the pause.
    const c = await replicas.start(env);
    expect(await pausedIn(c)).toBe(true);
    await sleep(500);
    expect(await replicas.queueCounts(cashier)).toEqual({ consumers: 0, ready: 1 });

    // Resumed from another replica than the one that paused: every replica consumes again.
    expect((await replicas.call(c, 'POST', `/api/admin/actors/${cashier}/resume`)).json).toEqual({ queue: cashier, paused: false });
    await eventually(async () => (await replicas.queueCounts(cashier)).consumers === 3, 10_000, 'three consumers again');
    for (const app of [a, b, c]) expect(await pausedIn(app)).toBe(false);

    // A cook's pause (the restaurant's own switch) holds in every replica, until resumed from any.
    expect((await replicas.call(b!, 'PUT', '/api/restaurant/cooks/tom', { paused: true })).json).toMatchObject({ name: 'tom', paused: true });
    await eventually(async () => (await replicas.queueCounts(cookTom)).consumers === 0, 10_000, 'no consumer of the paused cook');
    expect((await replicas.call(c, 'GET', '/api/restaurant/cooks')).json.find((cook: { name: string }) => cook.name === 'tom').paused).toBe(true);
    expect((await replicas.call(a!, 'PUT', '/api/restaurant/cooks/tom', { paused: false })).json).toMatchObject({ name: 'tom', paused: false });
    await eventually(async () => (await replicas.queueCounts(cookTom)).consumers === 3, 10_000, 'three consumers of the cook again');

    // The parked message is one dead letter, the same from every replica; discarded through one, it is discarded for all.
    const listed = await eventually(async () => {
      const lists = await Promise.all([a!, b!, c].map(async (app) => (await replicas.call(app, 'GET', `/api/admin/dead-letters?queue=${cashier}`)).json as Array<{ id: string; reason: string }>));
      return lists.every((list) => list.length === 1) ? lists : undefined;
    }, 15_000, 'the dead letter listed by every replica');
    expect(new Set(listed.map((list) => list[0]!.id)).size).toBe(1);
    const id = listed[0]![0]!.id;
    expect(listed[0]![0]!.reason).toBe('unsigned');
    expect((await replicas.call(b!, 'DELETE', `/api/admin/dead-letters/${id}`)).json).toMatchObject({ id, status: 'discarded', resolvedBy: 'admin' });
    expect((await replicas.call(a!, 'GET', `/api/admin/dead-letters/${id}`)).json).toMatchObject({ id, status: 'discarded' });
    expect((await replicas.call(c, 'GET', `/api/admin/dead-letters?queue=${cashier}`)).json).toEqual([]);
    expect((await replicas.call(a!, 'POST', `/api/admin/dead-letters/${id}/retry`)).status).toBe(409);
  }, 120_000); // three app starts: about 40 s on a loaded machine
});
