import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../../actors/mod.ts';
import { secure } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { readTables } from '../read-tables.ts';
import { securedSteps } from '../security.ts';
import { pointActor } from './point-actor.ts';
import type { PointTables } from './point-tables.ts';

const setPoints = z.strictObject({ point: z.number().int().min(0).max(1_000_000_000) });
const transactionsQuery = z.object({ holderId: z.string().optional(), orderId: z.string().optional(), limit: limitParam() });
const userId = z.string().trim().min(1).max(100);

/** `PUT /points/<userId>` (admin), `GET /points/<userId>`, `GET /transactions` (the newest `?limit=`, at most 1000, oldest first). */
export function pointRoutes(deps: LandscapeDeps): Hono {
  const tables = () => readTables<PointTables>(deps, pointActor);
  return new Hono()
    .put('/points/:userId', secure(...securedSteps.setPoints), validJson(setPoints), async (c) => {
      const user = validUserId(c.req.param('userId'));
      const { point } = c.req.valid('json');
      await deps.system().transaction(pointActor, deps.flow(c), async (context) => {
        const { db } = context;
        const now = new Date(context.clock.now());
        await db.insertInto('balances').values({ user_id: user, point, updated_at: now })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ point, updated_at: now })).execute();
      });
      return c.json({ userId: user, point });
    })
    .get('/points/:userId', async (c) => {
      const user = c.req.param('userId');
      const row = await tables().selectFrom('balances').select(['user_id', 'point']).where('user_id', '=', user).executeTakeFirst();
      if (!row) throw new NotFoundError(`no points for ${user}`);
      return c.json({ userId: row.user_id, point: row.point });
    })
    .get('/transactions', validQuery(transactionsQuery), async (c) => {
      const { holderId, orderId, limit } = c.req.valid('query');
      // The newest `limit`, answered oldest first.
      let query = tables().selectFrom('point_transactions').selectAll().orderBy('id', 'desc').limit(limit);
      if (holderId !== undefined) query = query.where('holder_id', '=', holderId);
      if (orderId !== undefined) query = query.where('order_id', '=', orderId);
      const rows = (await query.execute()).reverse();
      return c.json(rows.map((row) => ({
        id: Number(row.id), orderId: row.order_id, holderId: row.holder_id, kind: row.kind, amount: row.amount, balance: row.balance,
        at: new Date(row.at).toISOString(),
      })));
    });
}

function validUserId(raw: string): string {
  const parsed = userId.safeParse(raw);
  if (!parsed.success) throw new NotFoundError('a userId must be 1 to 100 characters');
  return parsed.data;
}
