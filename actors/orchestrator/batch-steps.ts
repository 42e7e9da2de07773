import type { BatchHandler, MessageHandler } from '../actor/actor-definition.ts';
import { wallClock } from '../clock/clock.ts';
import { TechnicalError } from '../errors/errors.ts';
import type { PersistentContext } from '../persistence/persistent-context.ts';
import type { Kysely } from 'kysely';
import type { RuntimeTables } from '../persistence/runtime-tables.ts';
import { appendHistories, loadInstances, loadRevisions, sameRevision, saveInstances, type Instance } from './instance-store.ts';
import type { LiveActor, LiveActors } from './live-actors.ts';
import { afterStepCommitted, domainPlan, emitStep, liveActorsOf, persistent, takeStep, type HostConfig, type TakenStep } from './orchestrator-host.ts';

/**
 * Steps a batch's domain messages (consecutive ones, in one transaction) with a few
 * statements for all of them rather than a few per message: their instances are read in one
 * round trip (`readInstances`), stepped in memory in mailbox order (one instance's steps one
 * after the other, each on the state the previous one left), then saved together, each with
 * its revision check, and their history written in one insert. If another consumer saved one
 * of them meanwhile, the batch fails and the executor handles each message on its own, where
 * a conflicting step is redone (`orchestratorHandler`).
 */
export function orchestratorBatchHandler(config: HostConfig, step: MessageHandler): BatchHandler {
  return async (items) => {
    // Alone (unbatched, or redone on its own after a failed batch): the step that redoes a conflict.
    if (items.length === 1) return step(items[0]!.message, items[0]!.context);
    const keyed = items.map((item) => ({ ...item, key: config.key(item.message) }));
    const first = keyed[0];
    if (!first) return;
    const firstContext = persistent(first.context);
    const runtimeDb = firstContext.runtimeDb;
    const name = config.versions.name;
    const keys = [...new Set(keyed.flatMap((item) => (item.key === undefined ? [] : [item.key])))];
    const read = await readInstances(runtimeDb, name, keys, liveActorsOf(config, firstContext));
    // The latest state of each instance this batch stepped, its actor left running, and every step.
    const current = new Map(read);
    const running = new Map<string, LiveActor>();
    const steps: Array<{ step: TakenStep; context: PersistentContext }> = [];
    for (const { message, context, key } of keyed) {
      if (key === undefined) continue;
      const ctx = persistent(context);
      const stored = current.get(key);
      const chosen = domainPlan(config, message, context)(stored);
      if (!chosen) continue;
      const started = wallClock.now(); // the step span's start, in real time (the context's clock may be a test's)
      const { instance, result, live } = takeStep(config, ctx, message, key, stored, chosen, running.get(key));
      current.set(key, instance);
      running.delete(key);
      if (live) running.set(key, live);
      steps.push({ step: { instance, result, stored, event: chosen.event, message, started }, context: ctx });
    }
    const now = first.context.clock.now();
    const changes = [...current].filter(([key, instance]) => read.get(key) !== instance)
      .map(([key, instance]) => ({ instance, readRevision: read.get(key)?.revision }));
    // Sent together (the transaction pipelines them); a failed check rolls the history back with the rest.
    const [saved] = await Promise.all([saveInstances(runtimeDb, name, changes, now), appendHistories(runtimeDb, steps.map(({ step }) => step))]);
    if (!saved) {
      for (const live of running.values()) live.actor.stop();
      throw new TechnicalError(`${name}: an instance of the batch was saved by another consumer meanwhile; each step is taken on its own`);
    }
    // Only now that every instance is saved: what the steps send, and (once committed) their reports.
    for (const { step, context } of steps) await emitStep(config, context, step);
    for (const { step, context } of steps) {
      // An instance's actor is kept with its last step of the batch, the one it stands at.
      const live = running.get(step.instance.key);
      const last = live?.instance.revision === step.instance.revision ? live : undefined;
      afterStepCommitted(config, context, step, last);
    }
  };
}

/**
 * The stored instances of `keys`. One whose live actor this system keeps is not read back
 * whole: its last step here saved it, so only its revision is read (in the same round trip
 * as the others' rows) to learn whether another consumer or replica stepped it since; only
 * those are then read whole. Snapshots are the bulk of what a batch reads, and most steps
 * of a process follow its previous one in the same process.
 */
async function readInstances(db: Kysely<RuntimeTables>, machine: string, keys: readonly string[], live: LiveActors | undefined): Promise<Map<string, Instance>> {
  const held = new Map<string, Instance>();
  const unknown: string[] = [];
  for (const key of keys) {
    const instance = live?.instanceAt(key);
    if (instance) held.set(key, instance);
    else unknown.push(key);
  }
  const [read, stored] = await Promise.all([
    unknown.length > 0 ? loadInstances(db, machine, unknown) : new Map<string, Instance>(),
    held.size > 0 ? loadRevisions(db, machine, [...held.keys()]) : new Map<string, { revision: number; version: number }>(),
  ]);
  const changed: string[] = [];
  for (const [key, instance] of held) {
    const now = stored.get(key);
    if (now && sameRevision(now, instance)) read.set(key, instance);
    else changed.push(key);
  }
  if (changed.length > 0) for (const [key, instance] of await loadInstances(db, machine, changed)) read.set(key, instance);
  return read;
}
