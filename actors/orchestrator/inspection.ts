import type { AnyStateMachine, EventObject } from 'xstate';
import type { Logger } from '../logging/logger.ts';

/** An actor as an inspector sees it: the one id of an instance, and its machine's config. */
export interface InspectedActor {
  sessionId: string;
  id: string;
  logic: { config: unknown };
  send(event: EventObject): void;
  getSnapshot(): unknown;
}

/** A snapshot as an inspector receives it (JSON: state value, context, status). */
export interface InspectedSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: unknown;
  context: unknown;
}

/**
 * What the host reports to: the shape of `@statelyai/inspect`'s inspectors
 * (`createWebSocketInspector()`, `createBrowserInspector()`, `createInspector(adapter)`), or
 * any object with these three methods.
 */
export interface OrchestratorInspector {
  actor(actor: InspectedActor, snapshot?: InspectedSnapshot): void;
  event(actor: InspectedActor, event: EventObject, info?: { source?: string }): void;
  snapshot(actor: InspectedActor, snapshot: InspectedSnapshot, info?: { event?: EventObject }): void;
}

/** One step as the host saved it. */
export interface InspectedStep {
  machine: AnyStateMachine;
  name: string;
  key: string;
  /** The stored snapshot before the step; undefined for a new instance. */
  before: unknown;
  event: EventObject;
  /** Who sent the message (its `source`). */
  source: string;
  after: InspectedSnapshot;
}

/** How many instances a host remembers having announced; past it the oldest is announced again on its next step. */
const remembered = 10_000;

/**
 * Reports an orchestrator's steps to an inspector. An instance is one actor for the
 * inspector, whose id `<machine>:<key>` is the same in every step and every process: each
 * process announces it (`actor`, with the machine's config) on the first step it takes of
 * it, then reports each step's event and the snapshot after. A step is reported once its
 * transaction committed: one rolled back and redone is reported once.
 * An inspector that throws is logged, never fails a step.
 */
export class StepReporter {
  readonly #inspector: OrchestratorInspector;
  readonly #announced = new Set<string>();

  constructor(inspector: OrchestratorInspector) {
    this.#inspector = inspector;
  }

  report(step: InspectedStep, logger: Logger): void {
    const id = `${step.name}:${step.key}`;
    const actor: InspectedActor = {
      sessionId: id,
      id,
      logic: { config: step.machine.config },
      send: () => {}, // an inspector may not step an instance: steps are messages
      getSnapshot: () => step.after,
    };
    try {
      if (!this.#announced.has(id)) {
        this.#inspector.actor(actor, snapshotOf(step.before));
        this.#remember(id);
      }
      this.#inspector.event(actor, step.event, { source: step.source });
      this.#inspector.snapshot(actor, step.after, { event: step.event });
    } catch (error) {
      logger.warn({ err: error, machine: step.name, key: step.key }, 'the inspector failed; the step goes on');
    }
  }

  #remember(id: string): void {
    if (this.#announced.size >= remembered) this.#announced.delete(this.#announced.values().next().value!);
    this.#announced.add(id);
  }
}

/** A stored snapshot as the inspector sees it; a new instance has none yet. */
function snapshotOf(stored: unknown): InspectedSnapshot | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { status, value, context } = stored as Partial<InspectedSnapshot>;
  return { status: status ?? 'active', value, context };
}
