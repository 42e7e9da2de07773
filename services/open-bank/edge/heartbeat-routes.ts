import { Hono } from 'hono';
import { z } from 'zod';
import { secure, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { heartbeatActor, tickType } from '../heartbeat/heartbeat-actor.ts';
import { changePace } from '../heartbeat/pace.ts';
import { readPace, savePace } from '../heartbeat/pace-store.ts';
import { serviceDb } from './service-db.ts';

const change = z.strictObject({
  batchSize: z.number().int().min(0).max(100_000).optional(),
  intervalMs: z.number().int().min(10).max(3_600_000).optional(),
});

/** `GET|PUT /heartbeat` (spec): the pace, read and changed at run time by an admin. */
export function heartbeatRoutes(deps: LandscapeDeps) {
  const guard = secure('OPEN_BANK', 'PACE_HEARTBEAT');
  return new Hono<AuthEnv>()
    .get('/heartbeat', guard, async (c) => {
      const { batchSize, intervalMs, nextBeat } = await readPace(serviceDb(deps, heartbeatActor));
      return c.json({ batchSize, intervalMs, beat: nextBeat });
    })
    .put('/heartbeat', guard, validJson(change), async (c) => {
      const body = c.req.valid('json');
      const pace = await deps.system().transaction(heartbeatActor, deps.flow(c), async (context) => {
        const { pace, startChain } = changePace(await readPace(context.db, { lock: true }), {
          ...(body.batchSize === undefined ? {} : { batchSize: body.batchSize }),
          ...(body.intervalMs === undefined ? {} : { intervalMs: body.intervalMs }),
        });
        await savePace(context.db, pace);
        // The new chain's first tick is due now; the previous chain stops at its next tick.
        if (startChain) context.send('heartbeat', tickType, { generation: pace.generation, dueAt: context.clock.now() });
        return pace;
      });
      return c.json({ batchSize: pace.batchSize, intervalMs: pace.intervalMs, beat: pace.nextBeat });
    });
}
