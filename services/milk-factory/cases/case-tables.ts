import type { Generated, Selectable } from 'kysely';

export interface CaseRow {
  id: string;
  reference_id: string;
  type: string;
  created_at: Generated<Date>;
}

export interface TaskRow {
  id: string;
  case_id: string;
  reference_id: string;
  user_id: string;
  title: string;
  description: string | null;
  state: 'OPEN' | 'DONE';
  action: string;
  params: Record<string, unknown>;
  created_at: Generated<Date>;
  completed_at: Generated<Date | null>;
}

export interface CasesTables {
  cases: CaseRow;
  tasks: TaskRow;
}

export function taskView(row: Selectable<TaskRow>) {
  return { taskId: row.id, userId: row.user_id, title: row.title, description: row.description, state: row.state, action: row.action, params: row.params, referenceId: row.reference_id };
}

/** `CaseChanged` / `GET /cases`: the case with all its tasks. */
export function caseView(row: Selectable<CaseRow>, tasks: readonly Selectable<TaskRow>[]) {
  return { caseId: row.id, referenceId: row.reference_id, type: row.type, tasks: tasks.map(taskView) };
}
