import { afterEach, describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { TechnicalError } from '../../../actors/errors/errors.ts';
import { runStep } from '../../../actors/orchestrator/run-step.ts';

// A machine whose action throws: the step fails as data (a TechnicalError the executor retries
// or parks), and nothing escapes into the process as an uncaught exception.
const fragile = setup({}).createMachine({
  id: 'fragile@1',
  initial: 'open',
  states: { open: { on: { Boom: { actions: () => { throw new Error('boom'); } } } } },
});

describe('one orchestrator step in memory', () => {
  const uncaught: unknown[] = [];
  const listen = (error: unknown) => { uncaught.push(error); };
  // Vitest's own listener would fail the run; ours only records what reached the process.
  const vitestListeners = process.listeners('uncaughtException');
  afterEach(() => {
    process.off('uncaughtException', listen);
    for (const listener of vitestListeners) if (!process.listeners('uncaughtException').includes(listener)) process.on('uncaughtException', listener);
  });

  it('turns a throwing action into a TechnicalError and reports nothing to the process', async () => {
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', listen);
    const step = () => runStep({
      machine: fragile, snapshot: undefined, timers: {}, event: { type: 'Boom' }, now: 0,
      scaledDelay: (delay) => delay, newToken: () => 'token',
    });
    expect(step).toThrow(TechnicalError);
    // XState reports an unobserved failure in a timer of 0 ms.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(uncaught).toEqual([]);
  });
});
