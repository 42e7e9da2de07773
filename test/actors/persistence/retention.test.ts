import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, schemaName } from '../../../actors/mod.ts';
import { TestSystems, testDatabase } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('retention');
const sql = testDatabase();
afterAll(async () => {
  await systems.cleanup();
  await sql.end();
});

describe('retention', () => {
  it('deletes inbox rows, outbox rows no longer pending, flow records and resolved dead letters older than the retention, nothing else', async () => {
    const system = await systems.start({ actors: [], database: true });
    const table = (name: string) => `"${schemaName(systems.namespace, 'actors')}".${name}`;
    const old = new Date(Date.now() - 10 * 86_400_000);
    await sql.unsafe(`insert into ${table('inbox')} (actor, message_id, received_at) values ('a', 'old', $1), ('a', 'new', now())`, [old]);
    await sql.unsafe(`insert into ${table('outbox')} (id, actor, route, landscape, message, created_at) values
      ('sent-long-ago', 'a', 'event', 'l', '{}', $1),
      ('never-sent', 'a', 'event', 'l', '{}', $1),
      ('sent-now', 'a', 'event', 'l', '{}', now())`, [old]);
    await sql.unsafe(`insert into ${table('outbox_pending')} (id, created_at) values ('never-sent', $1)`, [old]);
    await sql.unsafe(`insert into ${table('flow')} (correlation_id, message_id, type, kind, source, actor, direction, occurred_at, recorded_at) values
      ('c', 'm1', 'T', 'event', 's', 'a', 'handled', $1, $1), ('c', 'm2', 'T', 'event', 's', 'a', 'handled', now(), now())`, [old]);

    await sql.unsafe(`insert into ${table('dead_letters')} (dedupe_key, queue, parked_queue, landscape, service, reason, attempts,
      parked_at, body, properties, status, resolved_at, resolved_by) values
      ('retried-long-ago', 'q', 'q.parked', 'l', 's', 'malformed', 1, $1, '\\x00', '{"headers":{}}', 'retried', $1, 'admin'),
      ('discarded-now', 'q', 'q.parked', 'l', 's', 'malformed', 1, $1, '\\x00', '{"headers":{}}', 'discarded', now(), 'admin'),
      ('parked-long-ago', 'q', 'q.parked', 'l', 's', 'malformed', 1, $1, '\\x00', '{"headers":{}}', 'parked', null, null)`, [old]);

    const deleted = await cleanUp(testInternals(system).store!.runtimeDb, 7 * 86_400_000, Date.now());
    expect(deleted).toEqual({ inbox: 1, outbox: 1, flow: 1, deadLetters: 1 });
    const outbox = await sql.unsafe(`select id from ${table('outbox')} order by id`);
    expect(outbox.map((r) => r.id)).toEqual(['never-sent', 'sent-now']); // an unsent message is never deleted
    const deadLetters = await sql.unsafe(`select dedupe_key from ${table('dead_letters')} order by dedupe_key`);
    expect(deadLetters.map((r) => r.dedupe_key)).toEqual(['discarded-now', 'parked-long-ago']); // a parked one waits for a person
  });
});
