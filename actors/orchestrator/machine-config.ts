import type { AnyStateMachine } from 'xstate';

/**
 * A machine's config as plain JSON, as `@statelyai/inspect` sends it to Stately's
 * visualiser: the config the machine was created from, every function (an inline action,
 * guard, context factory) replaced by `{ type: <its name> }`. `createMachine` loads it and
 * its actors reach the initial state (named actions and guards stay names, unimplemented);
 * `machine.toJSON()`, XState's resolved node format, does not load.
 */
export function machineConfig(machine: AnyStateMachine): Record<string, unknown> {
  return JSON.parse(JSON.stringify(machine.config, (_key, value: unknown) => (typeof value === 'function' ? { type: value.name } : value)));
}
