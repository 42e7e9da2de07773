/**
 * The one door to XState's internals (package.json pins xstate exactly for them). An
 * orchestrator step (`orchestrator/run-step.ts`) must know which delayed events the machine
 * scheduled or cancelled, to turn them into durable timers. The fast way reads XState's
 * scheduler: `system.getSnapshot()._scheduledEvents` before and after the event, and
 * `system.scheduler.schedule(…)` to give a restored actor back its pending timers.
 *
 * The public way follows the same through XState's inspection API: every delayed `raise` /
 * `sendTo` and every `cancel` the actor executes is an `@xstate.action` inspection event
 * with its parameters (`{ event, id, delay }`, `{ sendId }`), and a machine that finishes
 * drops its timers. Slower (an inspection event per action), same result.
 *
 * `xstateShapeProblems` checks, at start-up, a probe actor against the shapes the fast way
 * reads; when they differ every step takes the public way, with one warning `FAST-003`.
 * `fastPaths: false` takes the public way too.
 */
import { createActor, setup, type AnyActorRef, type EventObject } from 'xstate';
import type { Logger } from '../logging/logger.ts';
import type { PendingTimers, ScheduledEntry } from '../orchestrator/durable-timers.ts';

export const xstateFallbackCode = 'FAST-003';

/** What the fast way needs of a started actor's system; empty when all is there. */
export function xstateShapeProblems(actor: unknown): string[] {
  const system = (actor as { system?: Record<string, any> } | undefined)?.system;
  const problems: string[] = [];
  if (typeof system?.scheduler?.schedule !== 'function') problems.push('system.scheduler.schedule is not a function');
  if (typeof system?.getSnapshot !== 'function') return [...problems, 'system.getSnapshot is not a function'];
  const scheduled = system.getSnapshot()?._scheduledEvents;
  if (!scheduled || typeof scheduled !== 'object') return [...problems, 'system.getSnapshot()._scheduledEvents is not an object'];
  for (const entry of Object.values(scheduled) as Array<Record<string, any>>) {
    if (typeof entry?.id !== 'string' || typeof entry.event?.type !== 'string' || typeof entry.delay !== 'number') {
      problems.push('an entry of _scheduledEvents is not { id, event: { type }, delay }');
      break;
    }
  }
  return problems;
}

const probeMachine = setup({}).createMachine({ id: 'actors.fast-path-probe', initial: 'waiting', states: { waiting: { after: { 1_000: 'done' } }, done: {} } });

/** Starts a probe machine with one timer and checks what the fast way reads of it (it must find that one timer). */
export function probeXstate(): string[] {
  const actor = createActor(probeMachine, { clock: { setTimeout: () => 0, clearTimeout: () => {} } });
  actor.start();
  try {
    const problems = xstateShapeProblems(actor);
    if (problems.length > 0) return problems;
    const entries = Object.values((actor.system as unknown as { getSnapshot(): { _scheduledEvents: Record<string, { delay: number }> } }).getSnapshot()._scheduledEvents);
    return entries.length === 1 && entries[0]!.delay === 1_000 ? [] : [`the probe's one timer shows as ${entries.length} entries`];
  } finally {
    actor.stop();
  }
}

/** Whether orchestrator steps may read XState's scheduler: enabled and the probe passes (else one `FAST-003`). */
export function xstateFastPath(enabled: boolean, logger: Logger): boolean {
  if (!enabled) return false;
  const problems = probeXstate();
  if (problems.length === 0) return true;
  logger.warn({ code: xstateFallbackCode, problems },
    'XState\'s scheduler is not shaped as the orchestrator steps expect (another XState version?); using its inspection API');
  return false;
}

/**
 * How a step sees the delayed events of its actor: `inspect` goes into `createActor`'s
 * options, `restore` gives a restored actor its pending timers back, `scheduled` lists what
 * is scheduled now (an entry kept since the last call is the same object: see
 * `orchestrator/durable-timers.ts`).
 */
export interface TimerWatch {
  readonly inspect?: (event: InspectionEventLike) => void;
  restore(actor: AnyActorRef, timers: PendingTimers): void;
  scheduled(actor: AnyActorRef): Record<string, ScheduledEntry>;
}

interface InspectionEventLike {
  type: string;
  actorRef?: unknown;
  action?: { type: string; params?: unknown };
}

/** The fast way: XState's own scheduler. */
export function schedulerWatch(): TimerWatch {
  return {
    restore(actor, timers) {
      const scheduler = (actor.system as unknown as { scheduler: { schedule(source: AnyActorRef, target: AnyActorRef, event: EventObject, delay: number, id: string): void } }).scheduler;
      for (const [id, timer] of Object.entries(timers)) scheduler.schedule(actor, actor, timer.event, 0, id);
    },
    scheduled(actor) {
      const system = actor.system as unknown as { getSnapshot(): { _scheduledEvents: Record<string, ScheduledEntry> } };
      return { ...system.getSnapshot()._scheduledEvents };
    },
  };
}

/** The public way: the delayed sends and cancels the actor executes, from inspection events. */
export function inspectionWatch(): TimerWatch {
  const tracked = new Map<string, ScheduledEntry>();
  let anonymous = 0;
  return {
    inspect(event) {
      // Only the step's own actor: machines must not invoke or spawn (their timers are not theirs to keep).
      if (event.type !== '@xstate.action' || !event.action || event.actorRef === undefined) return;
      if ((event.actorRef as AnyActorRef)._parent !== undefined) return;
      const params = event.action.params as { event?: EventObject; id?: string; delay?: number; sendId?: string } | undefined;
      if ((event.action.type === 'xstate.raise' || event.action.type === 'xstate.sendTo') && typeof params?.delay === 'number' && params.event) {
        const id = params.id ?? `anonymous.${++anonymous}`; // XState gives an id-less delayed send a random one
        tracked.set(id, { id, event: params.event, delay: params.delay });
      } else if (event.action.type === 'xstate.cancel' && params?.sendId !== undefined) {
        tracked.delete(params.sendId);
      }
    },
    restore(_actor, timers) {
      for (const [id, timer] of Object.entries(timers)) tracked.set(id, { id, event: timer.event, delay: 0 });
    },
    scheduled(actor) {
      // An actor that finished (or failed) has no timers: XState cancels them all when it stops.
      if (actor.getSnapshot().status !== 'active') tracked.clear();
      return Object.fromEntries(tracked);
    },
  };
}
