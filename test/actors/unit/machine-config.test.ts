import { describe, expect, it } from 'vitest';
import { assign, createActor, createMachine, setup } from 'xstate';
import { isOrchestrator, machineConfig } from '../../../actors/mod.ts';
import { landscapes } from '../../../services/mod.ts';

// What GET /api/admin/orchestrators serves per version (operations.orchestratorDefinitions()).
const served = landscapes.flatMap((landscape) => landscape.actors.filter(isOrchestrator)
  .flatMap((actor) => actor.orchestrator.versions.definitions().map((version) => ({ landscape: landscape.name, name: actor.orchestrator.versions.name, ...version }))));

/** The top-level state of a state value: `"placed"`, or the key of `{ eatFirst: "cooking" }`. */
const topState = (value: unknown) => (typeof value === 'string' ? value : Object.keys(value as object)[0]);

describe('served machine configs', () => {
  it('exist for the orchestrators of the landscapes', () => {
    expect(served.map((s) => s.landscape)).toEqual(expect.arrayContaining(['milk-factory', 'restaurant']));
    expect(served.length).toBeGreaterThanOrEqual(5);
  });

  it.each(served.map((s) => [`${s.name}@${s.version}`, s] as const))('%s loads in createMachine (as JSON) and reaches its initial state', (_id, version) => {
    const config = JSON.parse(JSON.stringify(version.config)) as { id: string; initial: string };
    expect(config.id).toBe(`${version.name}@${version.version}`);
    const actor = createActor(createMachine(config as never)).start();
    expect(actor.getSnapshot().status).toBe('active');
    expect(topState(actor.getSnapshot().value)).toBe(config.initial);
    actor.stop();
  });

  it('are what @statelyai/inspect sends: inline functions as { type: name }, named implementations as names', () => {
    const machine = setup({ actions: { named: () => {} } }).createMachine({
      id: 'm@1',
      initial: 'a',
      context: () => ({ count: 0 }),
      states: {
        a: { entry: ['named', assign({ count: 1 })], on: { GO: { target: 'b', guard: function isReady() { return true; } } } },
        b: { type: 'final' },
      },
    });
    const config = machineConfig(machine) as any;
    expect(config.states.a.entry[0]).toBe('named');
    expect(config.states.a.entry[1]).toEqual({ type: 'assign' });
    expect(config.states.a.on.GO.guard).toEqual({ type: 'isReady' });
    expect(config.context).toEqual({ type: 'context' });
    // XState's own node JSON, served before as the definition, does not load.
    const nodes = createActor(createMachine(JSON.parse(JSON.stringify(machine.toJSON()))));
    nodes.subscribe({ error: () => {} }); // observed: XState would rethrow it
    nodes.start();
    expect(nodes.getSnapshot()).toMatchObject({ status: 'error', error: expect.objectContaining({ message: expect.stringMatching(/Initial state node .* not found/) }) });
    expect(topState(createActor(createMachine(config)).start().getSnapshot().value)).toBe('a');
  });
});
