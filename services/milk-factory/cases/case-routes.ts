import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../../actors/mod.ts';
import { ForbiddenError, authenticated, currentUser, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { staffRoles } from '../organisation/organisation-data.ts';
import { readDb } from '../shared/state-access.ts';
import { caseView, taskView, type CasesTables } from './case-tables.ts';
import { casesActor } from './cases-actor.ts';

const referenceMessage = 'required, at most 100 characters';
const casesQuery = z.object({ referenceId: z.string({ error: referenceMessage }).min(1, referenceMessage).max(100, referenceMessage) });
const tasksQuery = z.object({ state: z.enum(['OPEN', 'DONE'], { error: 'OPEN or DONE' }).optional(), limit: limitParam({ fallback: 200 }) });

/** Only staff read cases: refused (403) before the query is looked at, as it always was. */
const staffOnly: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (!currentUser(c).roles.some((r) => staffRoles.includes(r))) throw new ForbiddenError('only staff read cases');
  await next();
};

/** `GET /cases?referenceId=` (staff) and `GET /tasks?state=` (the caller's own tasks). */
export function caseRoutes(deps: LandscapeDeps) {
  const db = () => readDb<CasesTables>(deps, casesActor);
  return new Hono<AuthEnv>()
    .get('/cases', authenticated(), staffOnly, validQuery(casesQuery), async (c) => {
      const { referenceId } = c.req.valid('query');
      const row = await db().selectFrom('cases').selectAll().where('reference_id', '=', referenceId).executeTakeFirst();
      if (!row) throw new NotFoundError(`no case for ${referenceId}`);
      const tasks = await db().selectFrom('tasks').selectAll().where('case_id', '=', row.id).orderBy('created_at').execute();
      return c.json(caseView(row, tasks));
    })
    .get('/tasks', authenticated(), validQuery(tasksQuery), async (c) => {
      const { state, limit } = c.req.valid('query');
      let query = db().selectFrom('tasks').selectAll().where('user_id', '=', currentUser(c).username).orderBy('created_at', 'desc').limit(limit);
      if (state) query = query.where('state', '=', state);
      return c.json((await query.execute()).map(taskView));
    });
}
