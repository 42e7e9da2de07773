import type { EventObject } from 'xstate';
import { traceOfContext, type HandlerContext } from '../actor/handler-context.ts';
import type { MessageHandler } from '../actor/actor-definition.ts';
import { scaled, wallClock } from '../clock/clock.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { AnyCatalogue, MessageCatalogue } from '../envelope/message-catalogue.ts';
import { TechnicalError } from '../errors/errors.ts';
import { isPersistent, type PersistentContext } from '../persistence/persistent-context.ts';
import type { PendingTimers } from './durable-timers.ts';
import type { InspectedSnapshot, StepReporter } from './inspection.ts';
import { appendHistory, loadInstance, saveInstance, type Instance } from './instance-store.ts';
import type { LiveActor, LiveActors } from './live-actors.ts';
import type { MachineVersions } from './machine-versions.ts';
import { runStep, type StepResult } from './run-step.ts';
import { stateText } from '../telemetry/runtime-metrics.ts';
import { activeTracer, parentContext } from '../telemetry/trace-context.ts';

/** The message a durable timer sends its orchestrator when it is due. */
export const timerMessageType = 'actors.timer';

export interface TimerData {
  machine: string;
  key: string;
  timer: string;
  token: string;
  [field: string]: unknown;
}

/** An instance as a step left it, for a projection (`HostConfig.project`). */
export interface InstanceView {
  machine: string;
  key: string;
  /** The state value, e.g. `"cooking"` or `{ eatFirst: "paying" }`. */
  state: unknown;
  context: unknown;
  /** XState's status: `active`, `done`, … */
  status: string;
}

/** Keeps the service's own read model of its processes, in the step's transaction; `context.db` typed by `Tables`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped by default
export type Projection<Tables = any, M extends MessageCatalogue = AnyCatalogue> = (instance: InstanceView, context: PersistentContext<Tables, M>) => void | Promise<void>;

export interface HostConfig {
  versions: MachineVersions;
  /**
   * The process key of a message (rule 11: by default its correlation id); undefined when
   * the message belongs to no instance of this machine (e.g. an `Error` about someone
   * else's command): it is then ignored.
   */
  key: (message: Envelope) => string | undefined;
  /** Message types that may start a new instance; others for an unknown key are ignored. */
  starts: ReadonlySet<string>;
  /** Input of a new instance, from the message that starts it. */
  input?: (message: Envelope) => unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the host runs any orchestrator's projection
  project?: Projection<any, any>;
  /** Reports each saved step to an inspector (`OrchestratorOptions.inspector`). */
  reporter?: StepReporter;
  /**
   * The instances' actors kept running between their steps (`live-actors.ts`), one cache
   * per system running the definition (by `PersistentContext.executorScope`); none: each
   * step restores its machine.
   */
  live?: (scope: object) => LiveActors;
}

/** The event a machine receives for a message: its type, its data, and the whole envelope. */
export function machineEvent(message: Envelope): EventObject {
  return { type: message.type, data: message.data, message } as EventObject;
}

/** How many times a step is redone when another consumer saved the instance first. */
const maxConflicts = 10;

export interface Plan {
  event: EventObject;
  timers: PendingTimers;
}

/** What a domain message does to its instance as stored: a step, or nothing (no instance, and it starts none). */
export function domainPlan(config: HostConfig, message: Envelope, context: HandlerContext): (stored?: Instance) => Plan | undefined {
  return (stored) => {
    if (!stored && !config.starts.has(message.type)) {
      context.logger.warn({ machine: config.versions.name }, `no instance for ${message.type}; ignored`);
      return undefined;
    }
    return { event: machineEvent(message), timers: stored?.timers ?? {} };
  };
}

/** Handles a domain message: finds (or starts) the instance and takes one step. */
export function orchestratorHandler(config: HostConfig): MessageHandler {
  return (message, context) => {
    const key = config.key(message);
    if (key === undefined) return;
    return advance(config, message, key, context, domainPlan(config, message, context));
  };
}

/** Handles a due timer: delivers its event unless the timer was cancelled or replaced meanwhile. */
export function timerHandler(config: HostConfig): MessageHandler {
  return (message, context) => {
    const data = message.data as TimerData;
    return advance(config, message, data.key, context, (stored) => {
      const pending = stored?.timers[data.timer];
      if (!pending || pending.token !== data.token) {
        context.logger.info({ machine: data.machine, key: data.key, timer: data.timer }, 'stale or cancelled timer ignored');
        return undefined;
      }
      const { [data.timer]: _firing, ...others } = stored!.timers;
      return { event: pending.event, timers: others };
    });
  };
}

async function advance(config: HostConfig, message: Envelope, key: string, context: HandlerContext, plan: (stored?: Instance) => Plan | undefined): Promise<void> {
  const ctx = persistent(context);
  const name = config.versions.name;
  const started = wallClock.now(); // the step span's start, in real time (the context's clock may be a test's)
  for (let attempt = 1; attempt <= maxConflicts; attempt++) {
    const stored = await loadInstance(ctx.runtimeDb, name, key);
    const chosen = plan(stored);
    if (!chosen) return;
    const { instance, result, live } = takeStep(config, ctx, message, key, stored, chosen);
    if (!(await saveInstance(ctx.runtimeDb, instance, stored?.revision, ctx.clock.now()))) {
      live?.actor.stop();
      ctx.logger.info({ machine: name, key, attempt }, 'instance saved by another consumer meanwhile; step redone');
      continue;
    }
    await appendHistory(ctx.runtimeDb, instance, message);
    const step: TakenStep = { instance, result, stored, event: chosen.event, message, started };
    await emitStep(config, ctx, step);
    afterStepCommitted(config, ctx, step, live);
    return;
  }
  throw new TechnicalError(`${name} instance ${key}: still conflicting after ${maxConflicts} attempts`);
}

/**
 * A span for a step (tracing on), a child of its message's handling span (named by the
 * context: a batch of steps runs outside any one message's span): the machine, the instance,
 * its states before and after.
 */
function traceStep(ctx: PersistentContext, instance: Instance, before: unknown, event: string, startedAt: number, endedAt: number): void {
  const tracer = activeTracer();
  if (!tracer) return;
  tracer.startSpan(`step ${instance.machine}`, {
    startTime: startedAt,
    attributes: {
      'orchestrator.machine': instance.machine,
      'orchestrator.key': instance.key,
      'orchestrator.version': instance.version,
      'orchestrator.revision': instance.revision,
      'orchestrator.event': event,
      'orchestrator.state.before': before === undefined ? '' : stateText(before),
      'orchestrator.state.after': stateText(instance.stateValue),
      'orchestrator.status': instance.status,
    },
  }, parentContext(traceOfContext(ctx))).end(endedAt);
}

/**
 * One step of an instance in memory (no I/O): the machine's result and the instance as it
 * is to be saved, and the actor left running for the next step (when the host keeps live
 * actors). The step runs on `owned` (the actor this transaction's previous step of the
 * instance left), else on the cached live actor if it stands at `stored`, else on the
 * machine restored from `stored`. A due timer's step always restores: the live actor's
 * scheduler would still hold the timer.
 */
export function takeStep(config: HostConfig, ctx: PersistentContext, message: Envelope, key: string, stored: Instance | undefined, chosen: Plan, owned?: LiveActor): { instance: Instance; result: StepResult; live: LiveActor | undefined } {
  const version = stored?.version ?? config.versions.newest;
  const cache = liveActorsOf(config, ctx);
  const onStoredTimers = stored !== undefined && chosen.timers === stored.timers;
  let running = onStoredTimers ? owned ?? cache?.take(key, stored) : undefined;
  if (owned && running !== owned) owned.actor.stop();
  if (running && running.instance.version !== version) running = undefined;
  const result = runStep({
    machine: config.versions.machine(version),
    snapshot: stored?.snapshot,
    timers: chosen.timers,
    event: chosen.event,
    input: stored ? undefined : config.input?.(message),
    now: ctx.clock.now(),
    scaledDelay: (delay) => scaled(ctx.clock, delay),
    newToken: () => crypto.randomUUID(),
    fastPath: ctx.xstateFastPath,
    ...(running ? { running } : {}),
    keep: cache !== undefined,
  });
  const instance: Instance = {
    machine: config.versions.name, key, version, revision: (stored?.revision ?? 0) + 1,
    snapshot: result.snapshot, stateValue: result.stateValue, status: result.status, timers: result.timers.pending,
  };
  const live = result.running ? { ...result.running, instance } : undefined;
  return { instance, result, live };
}

/** A step taken in memory, with what its telemetry and inspector report. */
export interface TakenStep {
  instance: Instance;
  result: StepResult;
  stored: Instance | undefined;
  event: EventObject;
  message: Envelope;
  /** When the step began, in real time (the step span's start; the clock may be a test's). */
  started: number;
}

/**
 * After a step is saved, in its transaction: the projection, then what the machine sent and
 * the timers it set, through the step's outbox (all undone with the transaction).
 */
export async function emitStep(config: HostConfig, ctx: PersistentContext, step: TakenStep): Promise<void> {
  const { instance, result } = step;
  const { machine: name, key } = instance;
  const context = (result.snapshot as { context?: unknown }).context;
  await config.project?.({ machine: name, key, state: result.stateValue, context, status: result.status }, ctx);
  for (const output of result.outputs) {
    if (output.type === 'actors.send') ctx.send(output.service, output.messageType, output.data, output.options);
    else ctx.publish(output.messageType, output.data, output.options);
  }
  for (const timer of result.timers.added) {
    const data: TimerData = { machine: name, key, timer: timer.id, token: instance.timers[timer.id]!.token };
    ctx.sendLater(timerMessageType, data, { at: new Date(instance.timers[timer.id]!.dueAt) });
  }
}

/**
 * Once the step's transaction committed (`PersistentContext.afterCommit`; at once where none
 * tells): its metrics, span and inspector report — so a step rolled back and redone is
 * reported once — and its live actor kept for the instance's next step (a finished one's
 * dropped). A step rolled back keeps no actor: the next step restores from the snapshot.
 */
export function afterStepCommitted(config: HostConfig, ctx: PersistentContext, step: TakenStep, live: LiveActor | undefined): void {
  const ended = wallClock.now();
  const committed = () => {
    const { instance, result, stored, event, message, started } = step;
    const { machine: name, key } = instance;
    if (live) liveActorsOf(config, ctx)?.keep(key, live);
    ctx.steps?.transition(name, result.stateValue);
    traceStep(ctx, instance, stored?.stateValue, event.type, started, ended);
    config.reporter?.report({
      machine: config.versions.machine(instance.version), name, key, before: stored?.snapshot, event, source: message.metadata.source,
      after: { status: result.status as InspectedSnapshot['status'], value: result.stateValue, context: (result.snapshot as { context?: unknown }).context },
    }, ctx.logger);
  };
  if (ctx.afterCommit) ctx.afterCommit(committed);
  else committed();
}

/** The live actors of the context's system; only where the host hears of the commit (an actor is kept only once its step committed). */
export function liveActorsOf(config: HostConfig, ctx: PersistentContext): LiveActors | undefined {
  return ctx.afterCommit && ctx.executorScope && config.live ? config.live(ctx.executorScope) : undefined;
}

export function persistent(context: HandlerContext): PersistentContext {
  if (!isPersistent(context)) throw new TechnicalError('an orchestrator needs a database: start the actor system with one');
  return context;
}
