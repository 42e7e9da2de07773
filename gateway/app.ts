import { Hono } from 'hono';
import type { ActorSystem } from '../actors/mod.ts';

/** The HTTP edge. For now it answers health; the landscapes' routes mount under /api/<landscape>. */
export function createApp(system: () => ActorSystem | undefined): Hono {
  const app = new Hono();
  app.get('/api/health', (c) => {
    const current = system();
    const stage = current?.stage ?? 'created';
    const body = {
      status: stage,
      services: current?.mailboxes.map((m) => ({ queue: m.queue, paused: m.subscription.paused })) ?? [],
      broker: current?.broker.connected ? 'connected' : 'disconnected',
    };
    return c.json(body, stage === 'stable' ? 200 : 503);
  });
  return app;
}
