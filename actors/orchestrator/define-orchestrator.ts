import type { AnyStateMachine } from 'xstate';
import type { ActorDefinition, Handles } from '../actor/actor-definition.ts';
import type { Envelope } from '../envelope/envelope.ts';
import { catalogueSchema, type AnyCatalogue, type CommandType, type EventType, type MessageCatalogue, type MessageType } from '../envelope/message-catalogue.ts';
import type { StandardSchemaV1 } from '../envelope/standard-schema.ts';
import { orchestratorBatchHandler } from './batch-steps.ts';
import { StepReporter, type OrchestratorInspector } from './inspection.ts';
import { defaultLiveInstances, LiveActors } from './live-actors.ts';
import { MachineVersions } from './machine-versions.ts';
import { orchestratorHandler, timerHandler, timerMessageType, type HostConfig, type Projection, type TimerData } from './orchestrator-host.ts';

/**
 * An orchestrator's definition. `Tables` types the projection's `context.db`; `M`, the
 * landscape's catalogue, the types it reacts to (`defineLandscape(…).defineOrchestrator`
 * binds it; with none, any type).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped by default
export interface OrchestratorOptions<Tables = any, M extends MessageCatalogue = AnyCatalogue>
  extends Omit<ActorDefinition<Tables, M>, 'commands' | 'events' | 'onDeadlineExpired' | '~types'> {
  /** Every deployed version of the machine; ids `<name>@<version>`. */
  machines: readonly AnyStateMachine[];
  /** Event types the instances react to. */
  events?: readonly EventType<M>[];
  /** Command types addressed to this service that the instances react to. */
  commands?: readonly CommandType<M>[];
  /** Types that start a new instance (when none exists for the key). */
  starts: readonly MessageType<M>[];
  /** The process key; default the correlation id. Undefined: the message is for no instance (ignored). */
  key?: (message: Envelope) => string | undefined;
  input?: (message: Envelope) => unknown;
  /**
   * Runs in each step's transaction once the instance is saved, with the actor's own
   * tables (`context.db`): keeps a read model of the processes (e.g. rows a REST query
   * lists) exactly in step with the machines. It must only write; what the process sends
   * is the machine's.
   */
  project?: Projection<Tables, M>;
  /** Data schemas by message type, where the catalogue (`messages`) names none or a stricter one is wanted. */
  schemas?: Partial<Record<MessageType<M>, StandardSchemaV1>>;
  /**
   * Reports every instance to an inspector as one actor, `<machine>:<key>`, with each
   * step's event and snapshot: e.g. `createWebSocketInspector()` of `@statelyai/inspect`
   * for Stately's visualiser (`inspection.ts`).
   */
  inspector?: OrchestratorInspector;
  /**
   * How many instances' XState actors stay running between their steps (least recently
   * used out), so a step need not restore its machine from the stored snapshot; default
   * 10,000; 0 restores every step. Safe with replicas: an actor is used only while the
   * stored revision is the one it stands at, and kept only once its step committed.
   */
  liveInstances?: number;
}

const defaultBatch = 100;
const defaultConcurrentBatches = 3;

/** An actor whose behaviour is an XState machine hosted by the runtime (rule 11). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the erased form by default
export interface OrchestratorDefinition<Tables = any, M extends MessageCatalogue = any> extends ActorDefinition<Tables, M> {
  readonly orchestrator: { readonly versions: MachineVersions };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped by default
export function defineOrchestrator<Tables = any, M extends MessageCatalogue = AnyCatalogue>(options: OrchestratorOptions<Tables, M>): OrchestratorDefinition<Tables, M> {
  const { machines, events = [], commands = [], starts, key, input, project, inspector, liveInstances = defaultLiveInstances, schemas = {} as Partial<Record<string, StandardSchemaV1>>, ...actor } = options;
  const versions = new MachineVersions(machines);
  const config: HostConfig = {
    versions,
    key: key ?? ((message) => message.metadata.correlationId),
    starts: new Set(starts),
    ...(input ? { input } : {}),
    ...(project ? { project } : {}),
    ...(inspector ? { reporter: new StepReporter(inspector) } : {}),
    ...(liveInstances > 0 ? { live: liveActorsPerSystem(liveInstances) } : {}),
  };
  const step = orchestratorHandler(config);
  // One batch handler for every domain type, so consecutive steps of a batch share its statements.
  const handleBatch = orchestratorBatchHandler(config, step);
  // An entry, not a bare function: so the catalogue's schema (which a bare function gets) is named here.
  const handles = (kind: 'command' | 'event', types: readonly string[]): Handles => Object.fromEntries(types.map((type) => {
    const schema = (schemas as Partial<Record<string, StandardSchemaV1>>)[type] ?? (actor.messages && catalogueSchema(actor.messages, kind, type));
    return [type, { ...(schema ? { schema } : {}), handle: step, handleBatch }];
  }));
  const definition: OrchestratorDefinition = {
    // Messages of one instance in mailbox order, each once the previous one committed (an
    // event sent right after the one that starts a process must not find no instance and be
    // ignored); different instances at once. The revision check still guards an instance
    // another consumer (a replica) steps meanwhile.
    orderKey: (message) => (message.type === timerMessageType ? (message.data as TimerData).key : config.key(message)),
    // Many instances' steps per transaction, a few batches at once (orchestratorBatchHandler):
    // in bench:orchestrators 100 × 3 took a third of the client CPU per step of one step per
    // transaction, ten at once.
    batch: defaultBatch,
    concurrentBatches: defaultConcurrentBatches,
    ...actor,
    events: handles('event', events),
    commands: { ...handles('command', commands), [timerMessageType]: timerHandler(config) },
    orchestrator: { versions },
  };
  // The handlers are the host's, for any type: typed only where the options were.
  return definition as OrchestratorDefinition<Tables, M>;
}

/** One cache of live actors per system running the definition (a test's replicas, or systems on other databases, share none). */
function liveActorsPerSystem(limit: number): (scope: object) => LiveActors {
  const caches = new WeakMap<object, LiveActors>();
  return (scope) => {
    let cache = caches.get(scope);
    if (!cache) caches.set(scope, (cache = new LiveActors(limit)));
    return cache;
  };
}

export function isOrchestrator(actor: ActorDefinition): actor is OrchestratorDefinition {
  return 'orchestrator' in actor;
}
