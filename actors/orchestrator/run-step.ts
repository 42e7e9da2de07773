import { createActor, type AnyStateMachine, type EventObject } from 'xstate';
import { TechnicalError } from '../errors/errors.ts';
import { isMachineOutput, type MachineOutput } from './actions.ts';
import { inspectionWatch, schedulerWatch } from '../fast-paths/xstate.ts';
import { timerChanges, type PendingTimers, type TimerChanges } from './durable-timers.ts';
import type { RunningMachine } from './live-actors.ts';

export interface StepInput {
  machine: AnyStateMachine;
  /** The stored snapshot; undefined starts a new instance. */
  snapshot: unknown;
  /** Timers still pending from earlier steps. */
  timers: PendingTimers;
  event: EventObject;
  input?: unknown;
  now: number;
  scaledDelay: (delay: number) => number;
  newToken: () => string;
  /** Read XState's scheduler (default) or follow its inspection events; see `fast-paths/xstate.ts`. */
  fastPath?: boolean;
  /**
   * The instance's actor still running from its previous step, standing exactly at
   * `snapshot` with `timers` scheduled (`live-actors.ts`): stepped as it is, not restored.
   */
  running?: RunningMachine;
  /** Leave the actor running after the step and return it (`StepResult.running`) while it is active. */
  keep?: boolean;
}

export interface StepResult {
  snapshot: unknown;
  stateValue: unknown;
  status: string;
  outputs: MachineOutput[];
  timers: TimerChanges;
  /** The actor, still running (only when asked to `keep` it and the machine is still active). */
  running?: RunningMachine;
}

/** XState must not fire timers in memory: the host turns them into durable ones. */
const idleClock = { setTimeout: () => 0, clearTimeout: () => {} };

/**
 * One step of an instance, in memory: restore (or start) the actor, put back its pending
 * timers so XState can cancel them — or take the actor still running from the previous
 * step — deliver the event, and read what it emitted and scheduled. No I/O: the host
 * stores the result.
 */
export function runStep(step: StepInput): StepResult {
  const running = step.running ?? startActor(step);
  const { actor, watch, sink } = running;
  const before = watch.scheduled(actor);
  actor.send(step.event);
  const snapshot = actor.getSnapshot();
  if (snapshot.status === 'error') {
    actor.stop();
    throw new TechnicalError(`machine ${step.machine.id} failed on ${step.event.type}`, { cause: snapshot.error });
  }
  // What it emitted since it started (a new instance's entry actions run in `start`) or since the last step.
  const outputs = sink.outputs;
  sink.outputs = [];
  const result: StepResult = {
    snapshot: actor.getPersistedSnapshot(),
    stateValue: snapshot.value,
    status: snapshot.status,
    outputs,
    timers: timerChanges(before, watch.scheduled(actor), step.timers, step.now, step.scaledDelay, step.newToken),
  };
  if (step.keep && snapshot.status === 'active') result.running = running;
  else actor.stop();
  return result;
}

/** Restores (or starts) the instance's actor, with its pending timers back in XState's scheduler. */
function startActor(step: StepInput): RunningMachine {
  const watch = step.fastPath === false ? inspectionWatch() : schedulerWatch();
  const actor = createActor(step.machine, {
    ...(step.snapshot === undefined ? {} : { snapshot: step.snapshot as never }),
    ...(step.input === undefined ? {} : { input: step.input }),
    ...(watch.inspect ? { inspect: watch.inspect } : {}),
    clock: idleClock,
  });
  const sink: RunningMachine['sink'] = { outputs: [] };
  actor.on('*', (emitted: EventObject) => { if (isMachineOutput(emitted)) sink.outputs.push(emitted); });
  // A machine that fails (an action throws) is read from its snapshot below. Without an error
  // observer XState also rethrows the error in a timer: an uncaught exception in the process.
  actor.subscribe({ error: () => {} });
  actor.start();
  watch.restore(actor, step.timers);
  return { actor, watch, sink };
}
