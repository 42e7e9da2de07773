import { setup, type AnyStateMachine } from 'xstate';
import { defineActor, defineOrchestrator, publishEvent, sendCommand, type ActorDefinition, type Envelope } from '../../../actors/mod.ts';

/** The benchmark's landscape: its own exchanges and mailboxes in the run's namespace. */
export const landscape = 'bench-orch';
export const steps = 5;

/** How every step handler consumes its mailbox: the same for both paths, so only the orchestration differs. */
export interface StepSettings {
  batch: number;
  concurrentBatches: number;
}

/** Receives each path's last event and notes when it came, by instance (correlation id). */
export class Finishes {
  readonly at = new Map<string, number>();
  #waiting: { count: number; resolve: () => void } | undefined;

  note(message: Envelope): void {
    const key = message.metadata.correlationId;
    if (!this.at.has(key)) this.at.set(key, performance.now());
    if (this.#waiting && this.at.size >= this.#waiting.count) this.#waiting.resolve();
  }

  /** Resolves once `count` distinct instances finished (counted since the last `clear`). */
  reached(count: number): Promise<void> {
    if (this.at.size >= count) return Promise.resolve();
    return new Promise((resolve) => (this.#waiting = { count, resolve }));
  }

  clear(): void {
    this.at.clear();
    this.#waiting = undefined;
  }
}

/**
 * (a) Choreography: `C0` (the start) → step 1 publishes `C1` → … → step 5 publishes `C5`.
 * Each step is its own service with a database: inbox, handler and outbox in one
 * transaction, exactly as the orchestrated path's workers.
 */
export function choreography(settings: StepSettings): ActorDefinition[] {
  return Array.from({ length: steps }, (_, i) => defineActor({
    landscape, service: `choreo-step-${i + 1}`, ...settings,
    events: { [`C${i}`]: (_m, context) => { context.publish(`C${i + 1}`, {}); } },
  }));
}

/**
 * (b) The same five steps driven by an XState orchestrator: for each step it sends
 * `DoStep<n>` to that step's worker, which answers with the event `Step<n>Done`; after the
 * fifth it publishes `ProcessCompleted`. One instance per correlation id.
 */
export function orchestrated(settings: StepSettings, orchestrator: { batch?: number; concurrentBatches?: number; partitions?: number }): ActorDefinition[] {
  const states: Record<string, object> = { idle: { on: { ProcessStarted: 'step1' } } };
  for (let n = 1; n <= steps; n++) {
    states[`step${n}`] = { entry: sendCommand(`worker-${n}`, `DoStep${n}`), on: { [`Step${n}Done`]: n === steps ? 'done' : `step${n + 1}` } };
  }
  states.done = { type: 'final', entry: publishEvent('ProcessCompleted') };
  // Built in a loop, so typed loosely: the host needs only an AnyStateMachine.
  const machine = setup({}).createMachine({ id: 'five-steps@1', initial: 'idle', states } as never) as unknown as AnyStateMachine;
  const workers = Array.from({ length: steps }, (_, i) => defineActor({
    landscape, service: `worker-${i + 1}`, ...settings,
    commands: { [`DoStep${i + 1}`]: (_m, context) => { context.publish(`Step${i + 1}Done`, {}); } },
  }));
  return [
    defineOrchestrator({
      landscape, service: 'five-steps', machines: [machine], starts: ['ProcessStarted'],
      events: ['ProcessStarted', ...Array.from({ length: steps }, (_, i) => `Step${i + 1}Done`)],
      ...orchestrator,
    }),
    ...workers,
  ];
}

/** Hears both paths' last events (`C5`, `ProcessCompleted`). */
export function finishLine(finishes: Finishes, settings: StepSettings): ActorDefinition {
  return defineActor({
    landscape, service: 'finish-line', ...settings,
    events: { [`C${steps}`]: (m) => finishes.note(m), ProcessCompleted: (m) => finishes.note(m) },
  });
}
