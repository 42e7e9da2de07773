import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, createMachine, setup } from 'xstate';
import { createEvent, defineActor, defineOrchestrator, publishEvent, sendCommand, type Envelope, type OrchestratorInspector } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import { TestSystems, eventually } from '../../support/actor-system.ts';

const systems = new TestSystems('inspector');
afterAll(() => systems.cleanup());

const delivery = setup({ actions: { churn: sendCommand('dairy', 'Churn') } }).createMachine({
  id: 'delivery@1',
  initial: 'ordered',
  states: {
    ordered: { on: { Ordered: 'churning' } },
    churning: { entry: 'churn', on: { Churned: 'shipping' } },
    shipping: { on: { Arrived: 'delivered' } },
    delivered: { type: 'final', entry: publishEvent('Delivered') },
  },
});

/** One process's orchestrator, reporting to `inspector` (each process defines its own). */
const deliveryOrchestrator = (landscape: string, inspector: OrchestratorInspector) => defineOrchestrator({
  landscape, service: 'delivery', machines: [delivery], events: ['Ordered', 'Churned', 'Arrived'], starts: ['Ordered'], inspector,
});

describe('an orchestrator with an inspector (@statelyai/inspect)', () => {
  it('reports each instance as one actor, <machine>:<key>, with its events and snapshots across steps and processes', async () => {
    const landscape = 'inspected';
    const received: StatelyInspectionEvent[] = [];
    // Stately's own inspector, with an adapter that keeps what would go over its WebSocket.
    const inspector = createInspector({ send: (event) => { received.push(event); } });
    const delivered: Envelope[] = [];
    const dairy = defineActor({ landscape, service: 'dairy', commands: { Churn: (_m, context) => { context.publish('Churned', {}); } } });
    const shop = defineActor({ landscape, service: 'shop', events: { Delivered: (m) => { delivered.push(m); } } });
    const publish = (system: Awaited<ReturnType<typeof systems.start>>, type: string, order: string) =>
      testInternals(system).bus.publish(landscape, createEvent(type, {}, { source: 'test', correlationId: order }));
    const stateOf = (order: string) => (received.filter((e) => e.type === '@xstate.snapshot' && e.sessionId === `delivery:${order}`).at(-1) as { snapshot: { value?: unknown } } | undefined)?.snapshot;

    // Process 1 takes the first steps of two instances.
    const first = await systems.start({ actors: [deliveryOrchestrator(landscape, inspector), dairy, shop], database: true });
    await publish(first, 'Ordered', 'order-a');
    await publish(first, 'Ordered', 'order-b');
    await eventually(() => stateOf('order-a')?.value === 'shipping' && stateOf('order-b')?.value === 'shipping', 10_000, 'both shipping');
    await first.stop();

    // Process 2 (another host, same inspector) goes on with one of them.
    const second = await systems.start({ actors: [deliveryOrchestrator(landscape, inspector), dairy, shop], database: true });
    await publish(second, 'Arrived', 'order-a');
    await eventually(() => delivered.length === 1 && stateOf('order-a')?.value === 'delivered', 10_000, 'order-a delivered');
    await second.stop();

    const of = (order: string) => received.filter((e) => e.sessionId === `delivery:${order}`);
    // One actor per instance: announced once by each process that stepped it, always under the same id.
    const actors = received.filter((e) => e.type === '@xstate.actor');
    // The first process's two in either order: different instances' steps may commit in concurrent batches.
    expect(actors.slice(0, 2).map((e) => e.sessionId).sort()).toEqual(['delivery:order-a', 'delivery:order-b']);
    expect(actors.slice(2).map((e) => e.sessionId)).toEqual(['delivery:order-a']);
    expect(new Set(received.map((e) => e.sessionId))).toEqual(new Set(['delivery:order-a', 'delivery:order-b']));
    // The announcement carries the machine config (what Stately draws), and it loads.
    const announced = actors[0] as Extract<StatelyInspectionEvent, { type: '@xstate.actor' }>;
    expect(announced.name).toBe('delivery@1');
    expect(topValue(createActor(createMachine(JSON.parse(announced.definition!))).start().getSnapshot().value)).toBe('ordered');
    // The second process announces the instance with the state it found it in.
    expect((actors[2] as typeof announced).snapshot).toMatchObject({ value: 'shipping' });

    // Each step: the event, then the snapshot after it, in order, across both processes.
    const steps = of('order-a').filter((e) => e.type !== '@xstate.actor')
      .map((e) => (e.type === '@xstate.event' ? `event ${e.event.type}` : `state ${(e as unknown as { snapshot: { value: unknown } }).snapshot.value}`));
    expect(steps).toEqual(['event Ordered', 'state churning', 'event Churned', 'state shipping', 'event Arrived', 'state delivered']);
    expect(of('order-b').filter((e) => e.type === '@xstate.event').map((e) => (e as { event: { type: string } }).event.type)).toEqual(['Ordered', 'Churned']);
    const last = of('order-a').at(-1) as Extract<StatelyInspectionEvent, { type: '@xstate.snapshot' }>;
    expect(last.snapshot).toMatchObject({ status: 'done', value: 'delivered' });
    expect(last.event.type).toBe('Arrived');
    // The event's source is the message's sender.
    expect((of('order-a').find((e) => e.type === '@xstate.event' && e.event.type === 'Churned') as { sourceId?: string }).sourceId).toBe(`${landscape}.dairy`);
  });

  it('goes on stepping when the inspector throws', async () => {
    const landscape = 'inspected-broken';
    const delivered: Envelope[] = [];
    const broken: OrchestratorInspector = { actor: () => { throw new Error('inspector down'); }, event: () => {}, snapshot: () => {} };
    const dairy = defineActor({ landscape, service: 'dairy', commands: { Churn: (_m, context) => { context.publish('Churned', {}); } } });
    const shop = defineActor({ landscape, service: 'shop', events: { Delivered: (m) => { delivered.push(m); } } });
    const system = await systems.start({ actors: [deliveryOrchestrator(landscape, broken), dairy, shop], database: true });
    for (const type of ['Ordered', 'Arrived']) {
      if (type === 'Arrived') await eventually(async () => (await system.operations.describeInstance('delivery', 'order-x'))?.state === 'shipping', 10_000, 'shipping');
      await testInternals(system).bus.publish(landscape, createEvent(type, {}, { source: 'test', correlationId: 'order-x' }));
    }
    await eventually(() => delivered.length === 1, 10_000, 'delivered');
    await system.stop();
  });
});

const topValue = (value: unknown) => (typeof value === 'string' ? value : Object.keys(value as object)[0]);
