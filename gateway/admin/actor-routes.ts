import { Hono } from 'hono';
import type { LandscapeDeps } from '../landscape.ts';
import type { AdminEnv } from './admin-env.ts';
import type { QueueStats } from './queue-stats.ts';

/**
 * `GET /actors`: every consumed mailbox (or partition) with its counts; `POST
 * /actors/<queue>/pause` and `/resume` stop and restart its consumer. A paused mailbox keeps
 * its messages: they wait in the queue (its bound and TTL still apply).
 */
export function actorRoutes(deps: LandscapeDeps, stats: QueueStats): Hono<AdminEnv> {
  return new Hono<AdminEnv>()
    .get('/actors', async (c) => {
      const system = deps.system();
      const mailboxes = await Promise.all(system.operations.mailboxes.map(async (m) => ({
        queue: m.queue,
        landscape: m.actor.landscape,
        service: m.actor.service,
        ...(await stats.of(system, m.queue)),
        paused: m.subscription.paused,
        stage: system.stage,
      })));
      return c.json(mailboxes);
    })
    .post('/actors/:queue/pause', async (c) => {
      const queue = c.req.param('queue');
      await deps.system().operations.pause(queue); // NotFoundError (404) for a queue this system does not consume
      return c.json({ queue, paused: true });
    })
    .post('/actors/:queue/resume', async (c) => {
      const queue = c.req.param('queue');
      await deps.system().operations.resume(queue);
      return c.json({ queue, paused: false });
    });
}
