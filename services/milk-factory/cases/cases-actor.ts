import { milkFactory, type MilkFactoryContext } from '../landscape.ts';
import type { Kysely } from 'kysely';
import { on } from '../../../actors/mod.ts';
import { completeTasksSchema, createCaseSchema, createTaskSchema } from '../shared/message-schemas.ts';
import { json } from '../shared/state-access.ts';
import type { Selectable } from 'kysely';
import { caseView, type CaseRow, type CasesTables } from './case-tables.ts';

type Db = Kysely<CasesTables>;

/**
 * cases (human workflow): cases and tasks. Idempotent: one case per reference (a unique
 * key), one task per reference, action and user; a duplicate changes and publishes nothing.
 * Every change publishes `CaseChanged` with all the case's tasks.
 */
export const casesActor = milkFactory.defineActor<CasesTables>({
  service: 'cases',
  retry: [500, 2_000, 5_000],
  commands: {
    CreateCase: on(createCaseSchema, async (message, context) => {
      const { created } = await ensureCase(context.db, message.data.referenceId, message.data.caseType);
      if (created) await publishCase(context.db, context, message.data.referenceId);
    }),
    CreateTask: on(createTaskSchema, async (message, context) => {
      const db = context.db;
      const task = message.data;
      const { row } = await ensureCase(db, task.referenceId, task.caseType ?? 'SALES');
      const inserted = await db.insertInto('tasks').values({
        id: crypto.randomUUID(), case_id: row.id, reference_id: task.referenceId, user_id: task.userId, title: task.title,
        description: task.description ?? null, state: 'OPEN', action: task.action, params: json(task.params) as never,
      }).onConflict((oc) => oc.columns(['reference_id', 'action', 'user_id']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) await publishCase(db, context, task.referenceId);
    }),
    CompleteTasks: on(completeTasksSchema, async (message, context) => {
      const db = context.db;
      const done = await db.updateTable('tasks').set({ state: 'DONE', completed_at: new Date(context.clock.now()) })
        .where('reference_id', '=', message.data.referenceId).where('action', '=', message.data.action).where('state', '=', 'OPEN')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows ?? 0) > 0) await publishCase(db, context, message.data.referenceId);
    }),
  },
});

async function ensureCase(db: Db, referenceId: string, type: string): Promise<{ row: Selectable<CaseRow>; created: boolean }> {
  const inserted = await db.insertInto('cases').values({ id: crypto.randomUUID(), reference_id: referenceId, type })
    .onConflict((oc) => oc.column('reference_id').doNothing()).returningAll().executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  return { row: await db.selectFrom('cases').selectAll().where('reference_id', '=', referenceId).executeTakeFirstOrThrow(), created: false };
}

async function publishCase(db: Db, context: MilkFactoryContext<CasesTables>, referenceId: string): Promise<void> {
  const row = await db.selectFrom('cases').selectAll().where('reference_id', '=', referenceId).executeTakeFirstOrThrow();
  const tasks = await db.selectFrom('tasks').selectAll().where('case_id', '=', row.id).orderBy('created_at').execute();
  context.publish('CaseChanged', caseView(row, tasks));
}
