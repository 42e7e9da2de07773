import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCommand, createEvent, type Envelope } from '../../../actors/envelope/envelope.ts';
import { receiveOnce } from '../../../actors/persistence/inbox.ts';
import type { RuntimeTables } from '../../../actors/persistence/runtime-tables.ts';
import { TestSystems } from '../../support/actor-system.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('inbox');
afterAll(() => systems.cleanup());

/** The runtime's tables in the test namespace, migrated by a system started with a database. */
async function runtimeTables(): Promise<Kysely<RuntimeTables>> {
  const system = await systems.start({ actors: [], database: true });
  return testInternals(system).store!.runtimeDb;
}

/** Commands with the given ids. */
const messages = (...ids: string[]): Envelope[] => ids.map((id) => createCommand('Do', {}, { source: 'test', id }));

describe('the inbox', () => {
  it('tells which messages of a batch are new to the actor, and records them once', async () => {
    const db = await runtimeTables();
    const first = await db.transaction().execute((trx) => receiveOnce(trx, 'inbox-actor', messages('m1', 'm2')));
    expect(['m1', 'm2'].map((id) => first.isFresh(id))).toEqual([true, true]);

    // Some seen before, some not: only the new ones are fresh.
    const mixed = await db.transaction().execute((trx) => receiveOnce(trx, 'inbox-actor', messages('m2', 'm3', 'm1', 'm4')));
    expect(['m2', 'm3', 'm1', 'm4'].map((id) => mixed.isFresh(id))).toEqual([false, true, false, true]);

    // All seen before: none is fresh.
    const again = await db.transaction().execute((trx) => receiveOnce(trx, 'inbox-actor', messages('m3', 'm4')));
    expect(['m3', 'm4'].map((id) => again.isFresh(id))).toEqual([false, false]);

    // Another actor has its own inbox rows.
    const other = await db.transaction().execute((trx) => receiveOnce(trx, 'other-actor', messages('m1')));
    expect(other.isFresh('m1')).toBe(true);

    const rows = await db.selectFrom('inbox').select(['actor', 'message_id']).where('actor', 'in', ['inbox-actor', 'other-actor']).orderBy('actor').orderBy('message_id').execute();
    expect(rows.map((r) => `${r.actor}/${r.message_id}`)).toEqual(['inbox-actor/m1', 'inbox-actor/m2', 'inbox-actor/m3', 'inbox-actor/m4', 'other-actor/m1']);
  });

  it('keeps the flow fields of each handled message, in the order received', async () => {
    const db = await runtimeTables();
    const cause = createCommand('Start', {}, { source: 'test' });
    const event = createEvent('Started', {}, { source: 'flow-actor', causedBy: cause });
    const command = createCommand('Follow', {}, { source: 'test', causedBy: cause });
    await db.transaction().execute((trx) => receiveOnce(trx, 'flow-actor', [event, command]));
    const rows = await db.selectFrom('inbox').selectAll().where('actor', '=', 'flow-actor').orderBy('ordinal').execute();
    expect(rows.map((r) => [r.message_id, r.correlation_id, r.causation_id, r.type, r.kind, r.source, r.occurred_at?.toISOString(), r.ordinal])).toEqual([
      [event.id, cause.metadata.correlationId, cause.id, 'Started', 'event', 'flow-actor', event.metadata.occurredAt, 1],
      [command.id, cause.metadata.correlationId, cause.id, 'Follow', 'command', 'test', command.metadata.occurredAt, 2],
    ]);
  });

  it('a rolled-back transaction leaves no inbox row, so the message is new again', async () => {
    const db = await runtimeTables();
    await expect(db.transaction().execute(async (trx) => {
      await receiveOnce(trx, 'rollback-actor', messages('r1'));
      throw new Error('handler failed');
    })).rejects.toThrow('handler failed');
    const retried = await db.transaction().execute((trx) => receiveOnce(trx, 'rollback-actor', messages('r1')));
    expect(retried.isFresh('r1')).toBe(true);
  });
});
