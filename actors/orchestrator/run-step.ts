import { createActor, type AnyStateMachine, type EventObject } from 'xstate';
import { TechnicalError } from '../errors/errors.ts';
import { isMachineOutput, type MachineOutput } from './actions.ts';
import { inspectionWatch, schedulerWatch } from '../fast-paths/xstate.ts';
import { timerChanges, type PendingTimers, type TimerChanges } from './durable-timers.ts';

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
}

export interface StepResult {
  snapshot: unknown;
  stateValue: unknown;
  status: string;
  outputs: MachineOutput[];
  timers: TimerChanges;
}

/** XState must not fire timers in memory: the host turns them into durable ones. */
const idleClock = { setTimeout: () => 0, clearTimeout: () => {} };

/**
 * One step of an instance, in memory: restore (or start) the actor, put back its pending
 * timers so XState can cancel them, deliver the event, and read what it emitted and
 * scheduled. No I/O: the host stores the result.
 */
export function runStep(step: StepInput): StepResult {
  const watch = step.fastPath === false ? inspectionWatch() : schedulerWatch();
  const actor = createActor(step.machine, {
    ...(step.snapshot === undefined ? {} : { snapshot: step.snapshot as never }),
    ...(step.input === undefined ? {} : { input: step.input }),
    ...(watch.inspect ? { inspect: watch.inspect } : {}),
    clock: idleClock,
  });
  const outputs: MachineOutput[] = [];
  actor.on('*', (emitted: EventObject) => { if (isMachineOutput(emitted)) outputs.push(emitted); });
  // A machine that fails (an action throws) is read from its snapshot below. Without an error
  // observer XState also rethrows the error in a timer: an uncaught exception in the process.
  actor.subscribe({ error: () => {} });
  actor.start();
  watch.restore(actor, step.timers);
  const before = watch.scheduled(actor);
  actor.send(step.event);
  const snapshot = actor.getSnapshot();
  if (snapshot.status === 'error') {
    throw new TechnicalError(`machine ${step.machine.id} failed on ${step.event.type}`, { cause: snapshot.error });
  }
  const result: StepResult = {
    snapshot: actor.getPersistedSnapshot(),
    stateValue: snapshot.value,
    status: snapshot.status,
    outputs,
    timers: timerChanges(before, watch.scheduled(actor), step.timers, step.now, step.scaledDelay, step.newToken),
  };
  actor.stop();
  return result;
}

