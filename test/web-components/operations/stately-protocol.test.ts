import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup } from 'xstate';
import { machineConfig } from '../../../actors/mod.ts';
import type { InstanceDescription } from '../../../web-components/shared/operations/orchestrator-types.ts';
import { inspectionMessages } from '../../../web-components/shared/operations/stately-protocol.ts';

const machine = setup({}).createMachine({
  id: 'delivery@1', initial: 'ordered', context: { tries: 0 },
  states: { ordered: { on: { Shipped: 'shipping' } }, shipping: { on: { Arrived: 'delivered' } }, delivered: { type: 'final' } },
});
const description: InstanceDescription = {
  machine: 'delivery', key: 'order-7', version: 1, revision: 2, status: 'done', state: 'delivered', context: { tries: 1 }, timers: {},
  history: [
    { revision: 1, messageId: 'm-1', messageType: 'Shipped', stateValue: 'shipping', at: '2026-01-01T00:00:00Z' },
    { revision: 2, messageId: 'm-2', messageType: 'Arrived', stateValue: 'delivered', at: '2026-01-01T00:00:01Z' },
  ],
};

describe('an instance as Stately inspection events', () => {
  const messages = inspectionMessages(machineConfig(machine), description, 1_000);

  it('is one actor, <machine>:<key>, with its config, then an event and a snapshot per step, the last with the context', () => {
    expect(messages.map((m) => [m.type, m.sessionId])).toEqual([
      ['@xstate.actor', 'delivery:order-7'],
      ['@xstate.event', 'delivery:order-7'], ['@xstate.snapshot', 'delivery:order-7'],
      ['@xstate.event', 'delivery:order-7'], ['@xstate.snapshot', 'delivery:order-7'],
    ]);
    expect(messages[0]).toMatchObject({ name: 'delivery@1', snapshot: { status: 'active' } });
    const loaded = createActor(createMachine(JSON.parse(messages[0]!.definition as string))).start();
    expect(loaded.getSnapshot().value).toBe('ordered');
    expect(messages[3]).toMatchObject({ event: { type: 'Arrived', messageId: 'm-2' } });
    expect(messages[2]!.snapshot).toEqual({ status: 'active', value: 'shipping' });
    expect(messages[4]!.snapshot).toEqual({ status: 'done', value: 'delivered', context: { tries: 1 } });
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
  });

  it('has the fields @statelyai/inspect sends for each kind of event', () => {
    const sent: StatelyInspectionEvent[] = [];
    const inspector = createInspector({ send: (event) => { sent.push(event); } });
    inspector.actor('delivery:order-7', { status: 'active' });
    inspector.event('delivery:order-7', { type: 'Shipped' });
    inspector.snapshot('delivery:order-7', { status: 'active', value: 'shipping' }, { event: { type: 'Shipped' } });
    for (const reference of sent) {
      const ours = messages.find((m) => m.type === reference.type)!;
      expect(Object.keys(ours).sort(), reference.type).toEqual(expect.arrayContaining(Object.keys(reference)));
      expect(typeof ours._version).toBe('string'); // what the visualiser's receiver checks
    }
  });
});
