import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, defineActor, flowOf, schemaName, type Envelope } from '../../../actors/mod.ts';
import { TestSystems, eventually, testDatabase } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('flow-log');
const sql = testDatabase();
afterAll(async () => {
  await systems.cleanup();
  await sql.end();
});

const runtime = (table: string) => `"${schemaName(systems.namespace, 'actors')}".${table}`;

describe('the flow log (rule 14) with emitted messages read from the outbox', () => {
  it('lists what was handled, then what was emitted in the order emitted, then what handled those; neither is copied into flow', async () => {
    const seen: Envelope[] = [];
    const fan = defineActor({ landscape: 'flowlog', service: 'fan', commands: { Fan: (m, context) => {
      for (const n of [1, 2, 3]) context.publish('Fanned', { n });
    } } });
    const sink = defineActor({ landscape: 'flowlog', service: 'sink', events: { Fanned: (m) => { seen.push(m); } } });
    const system = await systems.start({ actors: [fan, sink], database: true });
    const command = createCommand('Fan', {}, { source: 'test' });
    await testInternals(system).bus.send('flowlog', 'fan', command);
    await eventually(() => seen.length === 3);
    const flow = await eventually(async () => {
      const rows = await flowOf(testInternals(system).store!.runtimeDb, command.metadata.correlationId);
      return rows.length === 7 ? rows : undefined;
    }, 10_000, 'seven flow records');

    expect(flow.slice(0, 4).map((r) => [r.actor, r.direction, r.type])).toEqual([
      ['flowlog.fan', 'handled', 'Fan'],
      ['flowlog.fan', 'emitted', 'Fanned'],
      ['flowlog.fan', 'emitted', 'Fanned'],
      ['flowlog.fan', 'emitted', 'Fanned'],
    ]);
    const emitted = flow.slice(1, 4);
    const byId = new Map(seen.map((m) => [m.id, m]));
    expect(emitted.map((r) => (byId.get(r.message_id)!.data as { n: number }).n)).toEqual([1, 2, 3]);
    for (const r of emitted) {
      expect(r.causation_id).toBe(command.id);
      expect(r.correlation_id).toBe(command.metadata.correlationId);
      expect(r.kind).toBe('event');
      expect(r.source).toBe('flowlog.fan');
      expect(r.occurred_at).toBeInstanceOf(Date);
    }
    expect(flow.slice(4).map((r) => [r.actor, r.direction])).toEqual(Array(3).fill(['flowlog.sink', 'handled']));
    // The outbox holds what was emitted and the inbox what was handled (actors/sql/actors/0006, 0009).
    const copied = await sql.unsafe(`select count(*)::int as n from ${runtime('flow')} where correlation_id = $1`, [command.metadata.correlationId]);
    expect(copied[0]!.n).toBe(0);
    expect(flow.every((r) => r.seq === null)).toBe(true);
  });

  it('shows a message once that was recorded as emitted in the flow log before the outbox carried the flow', async () => {
    const system = await systems.start({ actors: [], database: true });
    const message = createCommand('Legacy', {}, { source: 'old.actor' });
    const correlationId = message.metadata.correlationId;
    await sql.unsafe(`insert into ${runtime('outbox')} (id, actor, causation_id, route, landscape, target, message) values ($1, 'old.actor', null, 'command', 'l', 's', $2)`,
      [message.id, sql.json(message as never)]);
    await sql.unsafe(`insert into ${runtime('flow')} (correlation_id, message_id, type, kind, source, actor, direction, occurred_at)
      values ($1, $2, 'Legacy', 'command', 'old.actor', 'old.actor', 'emitted', now())`, [correlationId, message.id]);
    const flow = await flowOf(testInternals(system).store!.runtimeDb, correlationId);
    expect(flow.map((r) => [r.message_id, r.direction])).toEqual([[message.id, 'emitted']]);
    expect(flow[0]!.seq).not.toBeNull(); // the flow log's row
  });

  it('still shows the handled messages recorded in the flow log before the inbox carried them, and old inbox rows without flow fields are no records', async () => {
    const system = await systems.start({ actors: [], database: true });
    const message = createCommand('Older', {}, { source: 'old.sender' });
    const correlationId = message.metadata.correlationId;
    await sql.unsafe(`insert into ${runtime('inbox')} (actor, message_id) values ('old.actor', $1)`, [message.id]);
    await sql.unsafe(`insert into ${runtime('flow')} (correlation_id, message_id, type, kind, source, actor, direction, occurred_at)
      values ($1, $2, 'Older', 'command', 'old.sender', 'old.actor', 'handled', now())`, [correlationId, message.id]);
    const flow = await flowOf(testInternals(system).store!.runtimeDb, correlationId);
    expect(flow.map((r) => [r.message_id, r.actor, r.direction])).toEqual([[message.id, 'old.actor', 'handled']]);
  });
});
