import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../actors/mod.ts';
import { ForbiddenError, authenticated, currentUser, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { listLimit } from '../../../gateway/list-limit.ts';
import { staffRoles } from '../organisation/organisation-data.ts';
import { readDb } from '../shared/state-access.ts';
import { caseView, taskView, type CasesTables } from './case-tables.ts';
import { casesActor } from './cases-actor.ts';

const taskState = z.enum(['OPEN', 'DONE']).optional();

/** `GET /cases?referenceId=` (staff) and `GET /tasks?state=` (the caller's own tasks). */
export function caseRoutes(deps: LandscapeDeps) {
  const db = () => readDb<CasesTables>(deps, casesActor);
  return new Hono<AuthEnv>()
    .get('/cases', authenticated(), async (c) => {
      if (!currentUser(c).roles.some((r) => staffRoles.includes(r))) throw new ForbiddenError('only staff read cases');
      const referenceId = c.req.query('referenceId');
      if (!referenceId || referenceId.length > 100) throw new ValidationError('which case?', [{ path: 'query.referenceId', message: 'required, at most 100 characters' }]);
      const row = await db().selectFrom('cases').selectAll().where('reference_id', '=', referenceId).executeTakeFirst();
      if (!row) throw new NotFoundError(`no case for ${referenceId}`);
      const tasks = await db().selectFrom('tasks').selectAll().where('case_id', '=', row.id).orderBy('created_at').execute();
      return c.json(caseView(row, tasks));
    })
    .get('/tasks', authenticated(), async (c) => {
      const state = taskState.safeParse(c.req.query('state'));
      if (!state.success) throw new ValidationError('unknown task state', [{ path: 'query.state', message: 'OPEN or DONE' }]);
      let query = db().selectFrom('tasks').selectAll().where('user_id', '=', currentUser(c).username).orderBy('created_at', 'desc').limit(listLimit(c, { fallback: 200 }));
      if (state.data) query = query.where('state', '=', state.data);
      return c.json((await query.execute()).map(taskView));
    });
}
