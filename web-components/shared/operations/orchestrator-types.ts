/** One orchestrator as `GET /api/admin/orchestrators` lists it: its machine's versions, newest first. */
export interface OrchestratorDefinition {
  name: string;
  landscape: string;
  service: string;
  /** `config`: loadable by XState and Stately; `definition`: XState's node JSON, which the statechart view draws. */
  versions: Array<{ version: number; config?: unknown; definition: unknown }>;
}

/** `GET /api/admin/orchestrators/<name>/instances/<id>`. */
export interface InstanceDescription {
  machine: string;
  key: string;
  version: number;
  revision: number;
  status: string;
  state: unknown;
  context: unknown;
  timers: unknown;
  history: Array<{ revision: number; messageId: string; messageType: string; stateValue: unknown; at: string }>;
}

/** The definition an instance runs (its version), or the newest when there is no instance. */
export function definitionFor(orchestrator: OrchestratorDefinition | undefined, version?: number): OrchestratorDefinition['versions'][number] | undefined {
  if (!orchestrator) return undefined;
  if (version !== undefined) return orchestrator.versions.find((v) => v.version === version);
  return [...orchestrator.versions].sort((a, b) => b.version - a.version)[0];
}

/** A state value as one line: `shipping.packing`, parallel regions joined with ` + `. */
export function stateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => {
      const rest = stateText(inner);
      return inner === undefined || (typeof inner === 'object' && inner !== null && Object.keys(inner).length === 0) ? key : `${key}.${rest}`;
    })
    .join(' + ');
}
