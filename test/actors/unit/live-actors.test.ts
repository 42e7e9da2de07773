import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { schedulerWatch } from '../../../actors/fast-paths/xstate.ts';
import { LiveActors, type LiveActor } from '../../../actors/orchestrator/live-actors.ts';
import type { Instance } from '../../../actors/orchestrator/instance-store.ts';

const machine = setup({}).createMachine({ id: 'idle@1', initial: 'waiting', states: { waiting: {} } });

function live(revision: number, version = 1): LiveActor {
  const actor = createActor(machine);
  actor.start();
  return { actor, watch: schedulerWatch(), sink: { outputs: [] }, instance: stored(revision, version) };
}

function stored(revision: number, version = 1): Instance {
  return { revision, version } as Instance;
}

describe('the live actors of an orchestrator', () => {
  it('give an actor only at the stored revision and version, once: a step owns it until it is kept again', () => {
    const cache = new LiveActors(10);
    const at3 = live(3);
    cache.keep('k', at3);
    expect(cache.take('k', stored(3))).toBe(at3);
    expect(cache.take('k', stored(3))).toBeUndefined(); // taken: another step restores from the snapshot
    cache.keep('k', at3);
    expect(cache.take('k', stored(4))).toBeUndefined(); // another replica advanced the instance
    expect(at3.actor.getSnapshot().status).toBe('stopped'); // and the stale actor is stopped, not kept
    cache.keep('k', live(4, 1));
    expect(cache.take('k', stored(4, 2))).toBeUndefined(); // another machine version
  });

  it('keep at most their bound, the least recently kept going first', () => {
    const cache = new LiveActors(2);
    const [a, b, c] = [live(1), live(1), live(1)];
    cache.keep('a', a);
    cache.keep('b', b);
    cache.keep('a', cache.take('a', stored(1))!); // a used again: b is now the least recent
    cache.keep('c', c);
    expect(cache.size).toBe(2);
    expect(cache.take('b', stored(1))).toBeUndefined();
    expect(b.actor.getSnapshot().status).toBe('stopped');
    expect(cache.take('a', stored(1))).toBe(a);
    expect(cache.take('c', stored(1))).toBe(c);
  });

  it('keep nothing with a bound of 0', () => {
    const cache = new LiveActors(0);
    cache.keep('k', live(1));
    expect(cache.take('k', stored(1))).toBeUndefined();
  });
});
