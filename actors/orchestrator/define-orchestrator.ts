import type { AnyStateMachine } from 'xstate';
import type { ActorDefinition, Handles } from '../actor/actor-definition.ts';
import type { Envelope } from '../envelope/envelope.ts';
import type { StandardSchemaV1 } from '../envelope/standard-schema.ts';
import { MachineVersions } from './machine-versions.ts';
import { orchestratorHandler, timerHandler, timerMessageType, type HostConfig, type Projection } from './orchestrator-host.ts';

export interface OrchestratorOptions extends Omit<ActorDefinition, 'commands' | 'events' | 'onDeadlineExpired'> {
  /** Every deployed version of the machine; ids `<name>@<version>`. */
  machines: readonly AnyStateMachine[];
  /** Event types the instances react to. */
  events?: readonly string[];
  /** Command types addressed to this service that the instances react to. */
  commands?: readonly string[];
  /** Types that start a new instance (when none exists for the key). */
  starts: readonly string[];
  /** The process key; default the correlation id. Undefined: the message is for no instance (ignored). */
  key?: (message: Envelope) => string | undefined;
  input?: (message: Envelope) => unknown;
  /**
   * Runs in each step's transaction once the instance is saved, with the actor's own
   * tables (`context.db`): keeps a read model of the processes (e.g. rows a REST query
   * lists) exactly in step with the machines. It must only write; what the process sends
   * is the machine's.
   */
  project?: Projection;
  /** Optional data schemas by message type. */
  schemas?: Record<string, StandardSchemaV1>;
}

/** An actor whose behaviour is an XState machine hosted by the runtime (rule 11). */
export interface OrchestratorDefinition extends ActorDefinition {
  readonly orchestrator: { readonly versions: MachineVersions };
}

export function defineOrchestrator(options: OrchestratorOptions): OrchestratorDefinition {
  const { machines, events = [], commands = [], starts, key, input, project, schemas = {}, ...actor } = options;
  const versions = new MachineVersions(machines);
  const config: HostConfig = {
    versions,
    key: key ?? ((message) => message.metadata.correlationId),
    starts: new Set(starts),
    ...(input ? { input } : {}),
    ...(project ? { project } : {}),
  };
  const step = orchestratorHandler(config);
  const handles = (types: readonly string[]): Handles =>
    Object.fromEntries(types.map((type) => [type, schemas[type] ? { schema: schemas[type], handle: step } : step]));
  return {
    // One message at a time by default, in mailbox order: an event sent right after the one
    // that starts a process must not be handled before that start committed (it would find
    // no instance and be ignored). `batch` keeps the order and takes several steps per
    // transaction; `partitions` spread the keys; `concurrency` above 1 accepts the race.
    concurrency: 1,
    ...actor,
    events: handles(events),
    commands: { ...handles(commands), [timerMessageType]: timerHandler(config) },
    orchestrator: { versions },
  };
}

export function isOrchestrator(actor: ActorDefinition): actor is OrchestratorDefinition {
  return 'orchestrator' in actor;
}
