import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, createMachine, setup } from 'xstate';
import {
  createCommand, createEvent, defineActor, defineOrchestrator, publishEvent, type ActorSystem, type Envelope,
} from '../../../actors/mod.ts';
import { TestSystems, eventually } from '../../support/actor-system.ts';
import { adminGateway } from './admin-gateway.ts';
import { testInternals } from '../../../actors/testing.ts';

const systems = new TestSystems('admin-flows');
afterAll(() => systems.cleanup());

const seen: Envelope[] = [];
const dairy = defineActor({ landscape: 'flows', service: 'dairy', commands: { Churn: (m, context) => { context.publish('Churned', { batch: m.data.batch }); } } });
const shop = defineActor({ landscape: 'flows', service: 'shop', events: { Churned: (m) => { seen.push(m); }, Delivered: (m) => { seen.push(m); } } });

const delivery = setup({}).createMachine({
  id: 'delivery@1',
  initial: 'ordered',
  states: {
    ordered: { on: { Ordered: 'shipping' } },
    shipping: { on: { Arrived: { target: 'delivered', actions: publishEvent('Delivered') } } },
    delivered: { type: 'final' },
  },
});
const deliveries = defineOrchestrator({ landscape: 'flows', service: 'delivery', machines: [delivery], events: ['Ordered', 'Arrived'], starts: ['Ordered'] });

let system: ActorSystem;
let gateway: Awaited<ReturnType<typeof adminGateway>>;
beforeAll(async () => {
  system = await systems.start({ actors: [dairy, shop, deliveries], database: true });
  gateway = await adminGateway(() => system);
});

describe('GET /api/admin/flows/<correlationId>', () => {
  it('answers every message of the flow in order, with the ids to draw the graph', async () => {
    const command = createCommand('Churn', { batch: 7 }, { source: 'test' });
    await testInternals(system).bus.send('flows', 'dairy', command);
    const churned = await eventually(() => seen.find((m) => m.type === 'Churned' && m.metadata.causationId === command.id));

    const flow = await eventually(async () => {
      const response = await gateway.call('GET', `/api/admin/flows/${command.metadata.correlationId}`);
      const rows = response.status === 200 ? await response.json() as unknown[] : [];
      return rows.length === 3 ? rows : undefined;
    }, 10_000, 'three flow records');
    expect(flow).toEqual([
      { id: command.id, type: 'Churn', kind: 'command', causationId: null, source: 'test', occurredAt: expect.any(String), actor: 'flows.dairy', direction: 'handled' },
      { id: churned.id, type: 'Churned', kind: 'event', causationId: command.id, source: 'flows.dairy', occurredAt: expect.any(String), actor: 'flows.dairy', direction: 'emitted' },
      { id: churned.id, type: 'Churned', kind: 'event', causationId: command.id, source: 'flows.dairy', occurredAt: expect.any(String), actor: 'flows.shop', direction: 'handled' },
    ]);
  });

  it('answers 404 for a flow nothing was recorded for, and 401/403 for non-admins', async () => {
    expect((await gateway.call('GET', '/api/admin/flows/nobody-knows')).status).toBe(404);
    expect((await gateway.call('GET', '/api/admin/flows/nobody-knows', null)).status).toBe(401);
    expect((await gateway.call('GET', '/api/admin/flows/nobody-knows', gateway.salesToken)).status).toBe(403);
  });
});

describe('/api/admin/orchestrators', () => {
  it('serves the machine definitions with their versions, each config loadable by createMachine', async () => {
    const definitions = await gateway.json('GET', '/api/admin/orchestrators');
    expect(definitions).toEqual([{
      name: 'delivery', landscape: 'flows', service: 'delivery',
      versions: [{
        version: 1,
        config: expect.objectContaining({ id: 'delivery@1', initial: 'ordered' }),
        definition: expect.objectContaining({ id: 'delivery@1', states: expect.objectContaining({ ordered: expect.any(Object), shipping: expect.any(Object) }) }),
      }],
    }]);
    // The config, as served, is what XState and Stately's visualiser load.
    const loaded = createActor(createMachine(definitions[0].versions[0].config)).start();
    expect(loaded.getSnapshot().value).toBe('ordered');
    loaded.stop();
  });

  it('describes one instance: state, context, history; 404 for an unknown one', async () => {
    const order = `order-${crypto.randomUUID()}`;
    await testInternals(system).bus.publish('flows', createEvent('Ordered', {}, { source: 'test', correlationId: order }));
    const shipping = await eventually(async () => {
      const response = await gateway.call('GET', `/api/admin/orchestrators/delivery/instances/${order}`);
      return response.status === 200 ? await response.json() : undefined;
    }, 10_000, 'the instance');
    expect(shipping).toMatchObject({ state: 'shipping', status: 'active' });
    await testInternals(system).bus.publish('flows', createEvent('Arrived', {}, { source: 'test', correlationId: order }));
    await eventually(() => seen.find((m) => m.type === 'Delivered' && m.metadata.correlationId === order));

    const instance = await gateway.json('GET', `/api/admin/orchestrators/delivery/instances/${order}`);
    expect(instance).toMatchObject({ machine: 'delivery', key: order, version: 1, state: 'delivered', status: 'done' });
    expect(instance.history.map((h: { messageType: string }) => h.messageType)).toEqual(['Ordered', 'Arrived']);
    expect((await gateway.call('GET', '/api/admin/orchestrators/delivery/instances/no-such-order')).status).toBe(404);
    expect((await gateway.call('GET', `/api/admin/orchestrators/delivery/instances/${order}`, gateway.salesToken)).status).toBe(403);
  });
});
