import { afterAll, describe, expect, it } from 'vitest';
import { defineActor, type ActorSystem } from '../../actors/mod.ts';
import { createApp } from '../../gateway/app.ts';
import { TestSystems } from '../support/actor-system.ts';

const systems = new TestSystems('health');
afterAll(() => systems.cleanup());

describe('GET /api/health', () => {
  it('answers 503 with the stage before the services are stable, 200 "stable" after', async () => {
    let system: ActorSystem | undefined;
    const { app } = createApp({ system: () => system });
    const before = await app.request('/api/health');
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ status: 'created' });

    system = await systems.start({ actors: [defineActor({ landscape: 'health', service: 'probe', commands: { Noop: () => {} } })] });
    const after = await app.request('/api/health');
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ status: 'stable', broker: 'connected', services: [{ queue: system.names.mailbox('health', 'probe'), paused: false }] });
  });
});
