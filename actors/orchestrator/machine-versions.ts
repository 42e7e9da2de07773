import type { AnyStateMachine } from 'xstate';
import { machineConfig } from './machine-config.ts';

/** A machine's id carries its version: `<name>@<version>`, e.g. `order-process@2`. */
export interface VersionedMachine {
  name: string;
  version: number;
  machine: AnyStateMachine;
}

export function parseMachineId(id: string): { name: string; version: number } {
  const match = /^(.+)@(\d+)$/.exec(id);
  if (!match) throw new RangeError(`machine id "${id}" must be <name>@<version>`);
  return { name: match[1]!, version: Number(match[2]) };
}

/**
 * The versions of one machine, by number. Instances stay on the version they started
 * with; new instances use the newest (rule 11).
 */
export class MachineVersions {
  readonly name: string;
  readonly #byVersion = new Map<number, AnyStateMachine>();

  constructor(machines: readonly AnyStateMachine[]) {
    const parsed = machines.map((machine) => ({ ...parseMachineId(machine.id), machine }));
    const names = new Set(parsed.map((p) => p.name));
    if (names.size !== 1) throw new RangeError(`one orchestrator runs versions of one machine, got ${[...names].join(', ')}`);
    this.name = parsed[0]!.name;
    for (const p of parsed) {
      if (this.#byVersion.has(p.version)) throw new RangeError(`${p.name}@${p.version} is given twice`);
      this.#byVersion.set(p.version, p.machine);
    }
  }

  get newest(): number {
    return Math.max(...this.#byVersion.keys());
  }

  machine(version: number): AnyStateMachine {
    const machine = this.#byVersion.get(version);
    if (!machine) throw new RangeError(`${this.name}@${version} is not deployed; its instances cannot run`);
    return machine;
  }

  /**
   * Each version for visualisers, newest first: `config` loads in XState's `createMachine`
   * and Stately's visualiser (`machine-config.ts`); `definition` is XState's resolved node
   * JSON (`machine.toJSON()`: absolute targets, event types), which the operations page draws.
   */
  definitions(): Array<{ version: number; config: Record<string, unknown>; definition: unknown }> {
    return [...this.#byVersion.entries()].sort(([a], [b]) => b - a)
      .map(([version, machine]) => ({ version, config: machineConfig(machine), definition: machine.toJSON() }));
  }
}
