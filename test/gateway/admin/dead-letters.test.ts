import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, headers, type ActorSystem, type DeadLetter, type Envelope } from '../../../actors/mod.ts';
import { TestSystems, eventually, sleep } from '../../support/actor-system.ts';
import { adminGateway } from './admin-gateway.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('admin-dlq');
afterAll(() => systems.cleanup());

/** Fails every attempt while `broken` (a technical failure: retried, then parked). */
let broken = true;
const handled: Envelope[] = [];
const mill = defineActor({
  landscape: 'dlq',
  service: 'mill',
  retry: [10, 10],
  commands: {
    Grind: (message) => {
      if (broken) throw new Error('the grinder is jammed');
      handled.push(message);
    },
  },
  // A message may wait 300 ms unconsumed; then the broker dead-letters it (expired).
  mailbox: { messageTtl: 300 },
});

let system: ActorSystem;
let gateway: Awaited<ReturnType<typeof adminGateway>>;
let mailbox: string;
beforeAll(async () => {
  system = await systems.start({ actors: [mill], database: true });
  gateway = await adminGateway(() => system);
  mailbox = system.names.mailbox('dlq', 'mill');
});

const deadLetters = (query = '') => gateway.json<DeadLetter[]>('GET', `/api/admin/dead-letters${query}`);
const parkedOne = (messageId: string) => eventually(async () => (await deadLetters()).find((d) => d.messageId === messageId), 10_000, `dead letter ${messageId}`);
const grind = (n: number) => createCommand('Grind', { n }, { source: 'test' });

describe('the dead-letter office over /api/admin/dead-letters', () => {
  it('lists a message whose handler always fails, with its reason, error and attempts; a retry delivers it once', async () => {
    const command = grind(1);
    await testInternals(system).bus.send('dlq', 'mill', command);
    const parked = await parkedOne(command.id);
    expect(parked).toMatchObject({
      messageId: command.id, queue: mailbox, landscape: 'dlq', service: 'mill', type: 'Grind', reason: 'retries-exhausted',
      error: { class: 'Error', message: 'the grinder is jammed' }, attempts: 3, status: 'parked', raw: null,
      message: { id: command.id, kind: 'command', type: 'Grind', data: { n: 1 } },
    });
    expect(Date.parse(String(parked.parkedAt))).not.toBeNaN();
    expect(await deadLetters(`?queue=${mailbox}&type=Grind`)).toContainEqual(expect.objectContaining({ id: parked.id }));
    expect(await deadLetters('?type=Other')).toEqual([]);
    const detail = await gateway.json('GET', `/api/admin/dead-letters/${parked.id}`);
    expect(detail.error.stack).toContain('the grinder is jammed');

    broken = false; // the fix is deployed
    const retried = await gateway.json('POST', `/api/admin/dead-letters/${parked.id}/retry`);
    expect(retried).toMatchObject({ id: parked.id, status: 'retried', resolvedBy: 'admin' });
    const handledAgain = await eventually(() => handled.find((m) => m.id === command.id));
    expect(handledAgain.metadata.attempt).toBe(1); // the retry schedule starts over

    const again = await gateway.call('POST', `/api/admin/dead-letters/${parked.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    await sleep(200);
    expect(handled.filter((m) => m.id === command.id)).toHaveLength(1);
    expect((await deadLetters()).some((d) => d.id === parked.id)).toBe(false);
    expect(await deadLetters('?status=retried')).toContainEqual(expect.objectContaining({ id: parked.id, resolvedBy: 'admin' }));
    broken = true;
  });

  it('discards one: gone from the list, recorded with who; it cannot be retried or discarded again', async () => {
    const command = grind(2);
    await testInternals(system).bus.send('dlq', 'mill', command);
    const parked = await parkedOne(command.id);
    const discarded = await gateway.json('DELETE', `/api/admin/dead-letters/${parked.id}`);
    expect(discarded).toMatchObject({ id: parked.id, status: 'discarded', resolvedBy: 'admin' });
    expect((await deadLetters()).some((d) => d.id === parked.id)).toBe(false);
    const recorded = (await deadLetters('?status=discarded')).find((d) => d.id === parked.id);
    expect(recorded).toMatchObject({ resolvedBy: 'admin', messageId: command.id });
    expect(Date.parse(String(recorded!.resolvedAt))).not.toBeNaN();
    expect((await gateway.call('DELETE', `/api/admin/dead-letters/${parked.id}`)).status).toBe(409);
    expect((await gateway.call('POST', `/api/admin/dead-letters/${parked.id}/retry`)).status).toBe(409);
  });

  it('records a malformed message with reason malformed and its raw body', async () => {
    const content = Buffer.from('{"id": "broken", not json');
    await testInternals(system).broker.publish({
      exchange: system.names.commands('dlq'), routingKey: 'mill', content,
      properties: { persistent: true, headers: { [headers.signature]: testInternals(system).bus.signer.sign(content, {}) } },
    });
    const parked = await eventually(async () => (await deadLetters()).find((d) => d.reason === 'malformed'), 10_000, 'the malformed message');
    expect(parked).toMatchObject({
      messageId: null, type: null, queue: mailbox, message: null, raw: '{"id": "broken", not json', attempts: 1,
      error: { class: 'MalformedMessageError', message: expect.stringContaining('not JSON') },
    });
  });

  it('records what the broker dead-lettered (TTL) with reason expired; retried, it is handled', async () => {
    await system.operations.pause(mailbox);
    const command = grind(3);
    await testInternals(system).bus.send('dlq', 'mill', command);
    const parked = await parkedOne(command.id);
    expect(parked).toMatchObject({ reason: 'expired', queue: mailbox, type: 'Grind', attempts: 1, error: { class: null } });
    expect(parked.error.message).toContain('TTL');
    await system.operations.resume(mailbox);

    broken = false;
    await gateway.json('POST', `/api/admin/dead-letters/${parked.id}/retry`);
    await eventually(() => handled.find((m) => m.id === command.id));
    broken = true;
  });

  it('answers 404 for an unknown id and 400 for an unknown status', async () => {
    expect((await gateway.call('POST', `/api/admin/dead-letters/${crypto.randomUUID()}/retry`)).status).toBe(404);
    expect((await gateway.call('DELETE', '/api/admin/dead-letters/not-a-uuid')).status).toBe(404);
    expect((await gateway.call('GET', '/api/admin/dead-letters/not-a-uuid')).status).toBe(404);
    const invalid = await gateway.call('GET', '/api/admin/dead-letters?status=lost');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ errors: [{ path: 'query.status' }] });
  });

  it('lets no one but an admin see, retry or discard dead letters', async () => {
    const command = grind(4);
    await testInternals(system).bus.send('dlq', 'mill', command);
    const parked = await parkedOne(command.id);
    for (const [method, path] of [['GET', '/api/admin/dead-letters'], ['POST', `/api/admin/dead-letters/${parked.id}/retry`], ['DELETE', `/api/admin/dead-letters/${parked.id}`]] as const) {
      expect((await gateway.call(method, path, null)).status).toBe(401);
      expect((await gateway.call(method, path, gateway.salesToken)).status).toBe(403);
    }
    expect((await parkedOne(command.id)).status).toBe('parked');
  });
});
