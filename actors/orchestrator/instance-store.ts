import { sql, type Kysely, type Selectable } from 'kysely';
import { anyOf } from '../persistence/any-of.ts';
import type { RuntimeTables } from '../persistence/runtime-tables.ts';
import type { PendingTimers } from './durable-timers.ts';

/** One orchestrator instance as stored. */
export interface Instance {
  machine: string;
  key: string;
  version: number;
  revision: number;
  snapshot: unknown;
  stateValue: unknown;
  status: string;
  timers: PendingTimers;
}

export async function loadInstance(db: Kysely<RuntimeTables>, machine: string, key: string): Promise<Instance | undefined> {
  const row = await db.selectFrom('orchestrator_instances').selectAll()
    .where('machine', '=', machine).where('key', '=', key).executeTakeFirst();
  return row ? instanceOf(row) : undefined;
}

/** Whether two views of an instance stand at the same step: the same revision of the same machine version. */
export function sameRevision(a: Pick<Instance, 'revision' | 'version'>, b: Pick<Instance, 'revision' | 'version'>): boolean {
  return a.revision === b.revision && a.version === b.version;
}

/**
 * The stored revision and version of `keys` (one query, no snapshots), by key: whether an
 * instance held in memory is still the one stored.
 */
export async function loadRevisions(db: Kysely<RuntimeTables>, machine: string, keys: readonly string[]): Promise<Map<string, { revision: number; version: number }>> {
  const rows = await db.selectFrom('orchestrator_instances').select(['key', 'revision', 'version'])
    .where('machine', '=', machine).where(anyOf('key', keys)).execute();
  return new Map(rows.map((row) => [row.key, { revision: row.revision, version: row.version }]));
}

/** The stored instances of `keys` (one query), by key; a key with none is missing. */
export async function loadInstances(db: Kysely<RuntimeTables>, machine: string, keys: readonly string[]): Promise<Map<string, Instance>> {
  const rows = await db.selectFrom('orchestrator_instances').selectAll()
    .where('machine', '=', machine).where(anyOf('key', keys)).execute();
  return new Map(rows.map((row) => [row.key, instanceOf(row)]));
}

function instanceOf(row: Selectable<RuntimeTables['orchestrator_instances']>): Instance {
  return {
    machine: row.machine, key: row.key, version: row.version, revision: row.revision,
    snapshot: row.snapshot, stateValue: row.state_value, status: row.status, timers: (row.timers ?? {}) as PendingTimers,
  };
}

/**
 * Saves a step with an optimistic check (rule 11): a new instance only if none exists,
 * an existing one only if nobody saved it since it was read. False means someone did:
 * read again and redo the step.
 */
/** `now` (the step's clock) stamps `updated_at`. */
export async function saveInstance(db: Kysely<RuntimeTables>, instance: Instance, readRevision: number | undefined, now: number): Promise<boolean> {
  // Objects, not JSON text: the driver encodes jsonb parameters itself (text would be stored as a JSON string).
  const values = {
    version: instance.version,
    revision: instance.revision,
    snapshot: instance.snapshot,
    state_value: instance.stateValue,
    status: instance.status,
    timers: instance.timers,
  };
  if (readRevision === undefined) {
    const inserted = await db.insertInto('orchestrator_instances')
      .values({ machine: instance.machine, key: instance.key, ...values })
      .onConflict((conflict) => conflict.columns(['machine', 'key']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db.updateTable('orchestrator_instances')
    .set({ ...values, updated_at: new Date(now) })
    .where('machine', '=', instance.machine).where('key', '=', instance.key).where('revision', '=', readRevision)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * Saves several instances' steps with two statements, each row with the check
 * `saveInstance` makes: true only if every one was saved (nobody saved any of them since
 * they were read). New ones in one insert; the others in one update from a JSON array, so
 * one statement is built and sent however many instances the batch stepped.
 */
export async function saveInstances(db: Kysely<RuntimeTables>, machine: string, changes: ReadonlyArray<{ instance: Instance; readRevision: number | undefined }>, now: number): Promise<boolean> {
  const values = (instance: Instance) => ({
    version: instance.version, revision: instance.revision, snapshot: instance.snapshot,
    state_value: instance.stateValue, status: instance.status, timers: instance.timers,
  });
  const created = changes.filter((change) => change.readRevision === undefined);
  const updated = changes.filter((change) => change.readRevision !== undefined);
  const [inserted, changed] = await Promise.all([
    // Rows as one jsonb array (as the update's): one statement text for any count (see anyOf).
    created.length === 0 ? [] : db.insertInto('orchestrator_instances')
      .columns(['machine', 'key', 'version', 'revision', 'snapshot', 'state_value', 'status', 'timers'])
      .expression(sql`select ${machine}, r ->> 'key', (r ->> 'version')::integer, (r ->> 'revision')::integer, r -> 'snapshot', r -> 'state_value', r ->> 'status', r -> 'timers'
        from jsonb_array_elements(${created.map(({ instance }) => ({ key: instance.key, ...values(instance) }))}::jsonb) as r`)
      .onConflict((conflict) => conflict.columns(['machine', 'key']).doNothing())
      .returning('key').execute(),
    updated.length === 0 ? [] : db.updateTable('orchestrator_instances as i')
      // One row per instance: `r` is a jsonb object of its new values and the revision it was read at.
      .from(sql<{ r: unknown }>`jsonb_array_elements(${updated.map(({ instance, readRevision }) => ({ key: instance.key, read_revision: readRevision, ...values(instance) }))}::jsonb)`.as('r'))
      .set({
        version: sql`(r ->> 'version')::integer`, revision: sql`(r ->> 'revision')::integer`, snapshot: sql`r -> 'snapshot'`,
        state_value: sql`r -> 'state_value'`, status: sql`r ->> 'status'`, timers: sql`r -> 'timers'`, updated_at: new Date(now),
      })
      // The keys again as an array: without them the planner hash-joined the whole table
      // (its rows cannot be estimated from the JSON), one scan of every instance per batch.
      .where('i.machine', '=', machine).where(anyOf('i.key', updated.map(({ instance }) => instance.key)))
      .where(sql<boolean>`i.key = r ->> 'key' and i.revision = (r ->> 'read_revision')::integer`)
      .returning('i.key').execute(),
  ]);
  return inserted.length + changed.length === changes.length;
}

export async function appendHistory(db: Kysely<RuntimeTables>, instance: Instance, message: { id: string; type: string }): Promise<void> {
  await appendHistories(db, [{ instance, message }]);
}

/**
 * The history rows of several steps, in one insert (in the order given: `seq` follows it,
 * `with ordinality` keeps it), the rows as one jsonb array: one statement text for any count.
 */
export async function appendHistories(db: Kysely<RuntimeTables>, steps: ReadonlyArray<{ instance: Instance; message: { id: string; type: string } }>): Promise<void> {
  if (steps.length === 0) return;
  const rows = steps.map(({ instance, message }) => ({
    machine: instance.machine, key: instance.key, revision: instance.revision, id: message.id, type: message.type, state: instance.stateValue,
  }));
  await db.insertInto('orchestrator_history').columns(['machine', 'key', 'revision', 'message_id', 'message_type', 'state_value'])
    .expression(sql`select r.value ->> 'machine', r.value ->> 'key', (r.value ->> 'revision')::integer, r.value ->> 'id', r.value ->> 'type', r.value -> 'state'
      from jsonb_array_elements(${rows}::jsonb) with ordinality as r(value, n) order by r.n`)
    .execute();
}

/**
 * Current state, context and history of one instance, for operators and visualisers.
 * Read in one repeatable-read transaction, so state and history agree with each other.
 */
export async function describeInstance(db: Kysely<RuntimeTables>, machine: string, key: string) {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const instance = await loadInstance(trx, machine, key);
    if (!instance) return undefined;
    const history = await trx.selectFrom('orchestrator_history')
      .select(['revision', 'message_id as messageId', 'message_type as messageType', 'state_value as stateValue', 'at'])
      .where('machine', '=', machine).where('key', '=', key).orderBy('seq').execute();
    const snapshot = instance.snapshot as { context?: unknown };
    return {
      machine, key, version: instance.version, revision: instance.revision, status: instance.status,
      state: instance.stateValue, context: snapshot.context, timers: instance.timers, history,
    };
  });
}
