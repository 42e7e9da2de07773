import type { AnyActorRef } from 'xstate';
import type { TimerWatch } from '../fast-paths/xstate.ts';
import type { MachineOutput } from './actions.ts';
import { sameRevision, type Instance } from './instance-store.ts';

/**
 * A started XState actor: how its delayed events are watched, and `sink`, what the machine
 * emitted since the last step read it (its `on('*')` listener is attached once, when the
 * actor is created).
 */
export interface RunningMachine {
  readonly actor: AnyActorRef;
  readonly watch: TimerWatch;
  readonly sink: { outputs: MachineOutput[] };
}

/**
 * An actor kept running between the steps of its instance, so a step need not restore the
 * machine from the stored snapshot (the biggest part of a step's CPU), with the instance
 * as its step saved it: the machine version and the revision it stands at, and what a
 * batch of steps would otherwise read back from the database (`instanceAt`).
 */
export interface LiveActor extends RunningMachine {
  readonly instance: Instance;
}

/** Live actors kept per orchestrator definition by default (`OrchestratorOptions.liveInstances`). */
export const defaultLiveInstances = 10_000;

/**
 * A bounded cache (least recently used out) of live actors by instance key, shared by the
 * steps of one orchestrator definition in one actor system (another system, even in the
 * same process, has its own). Correct only with the host's discipline:
 * - `take` removes the actor: one step at a time owns it, whatever consumer (or system
 *   sharing the definition) steps the instance;
 * - it gives the actor only if it stands at the stored revision (and version); else
 *   another consumer or replica advanced the instance meanwhile, and the step restores the
 *   machine from the stored snapshot (the optimistic revision check still guards the save);
 * - `keep` is called only once the step's transaction committed (`afterCommit`): a step
 *   rolled back never leaves its actor here, and the next step restores from the snapshot.
 */
export class LiveActors {
  readonly #actors = new Map<string, LiveActor>();

  constructor(private readonly limit = defaultLiveInstances) {}

  get size(): number {
    return this.#actors.size;
  }

  /** The live actor of `stored`, removed from the cache, if it stands where `stored` is. */
  take(key: string, stored: Instance): LiveActor | undefined {
    const live = this.#actors.get(key);
    if (!live) return undefined;
    this.#actors.delete(key);
    if (sameRevision(live.instance, stored)) return live;
    live.actor.stop();
    return undefined;
  }

  /**
   * The instance of `key` as this system's last step saved it, without taking its actor:
   * what the database holds unless another consumer or replica stepped it since (a batch
   * reads the stored revision to know, `batch-steps.ts`; the save's revision check still
   * guards the step).
   */
  instanceAt(key: string): Instance | undefined {
    return this.#actors.get(key)?.instance;
  }

  /** Keeps `live` for the next step of `key` (once its step committed); the least recently used goes when full. */
  keep(key: string, live: LiveActor): void {
    if (this.limit <= 0) return live.actor.stop();
    const old = this.#actors.get(key);
    if (old && old !== live) old.actor.stop();
    this.#actors.delete(key); // re-inserted: a Map iterates in insertion order, so the first is the least recent
    this.#actors.set(key, live);
    while (this.#actors.size > this.limit) {
      const [oldest, evicted] = this.#actors.entries().next().value as [string, LiveActor];
      this.#actors.delete(oldest);
      evicted.actor.stop();
    }
  }

  /** Forgets the actor of `key` (e.g. its instance finished: no step will follow). */
  drop(key: string): void {
    this.#actors.get(key)?.actor.stop();
    this.#actors.delete(key);
  }
}
