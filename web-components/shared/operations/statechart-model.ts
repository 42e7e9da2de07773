/** One state of a machine definition as drawn: nested states inside their parents. */
export interface ChartState {
  /** XState's state id (`<machine>.<path>`, or the id the definition gave it). */
  id: string;
  key: string;
  type: string;
  /** The key path from the root (the root's is empty); state values are read along it. */
  path: string[];
  children: ChartState[];
  /** The id of the child entered first. */
  initial?: string;
}

export interface ChartTransition {
  source: string;
  target: string;
  /** The event name; `after <n> ms` for a delayed transition, `always` for an eventless one. */
  label: string;
}

export interface Statechart {
  root: ChartState;
  transitions: ChartTransition[];
}

interface JsonTransition { target?: unknown; eventType?: unknown; guard?: unknown; actions?: unknown }
interface JsonState {
  id?: unknown;
  key?: unknown;
  type?: unknown;
  states?: Record<string, JsonState>;
  initial?: { target?: unknown };
  transitions?: JsonTransition[];
  always?: JsonTransition[];
}

/**
 * Reads a machine definition as `GET /api/admin/orchestrators` serves it (XState v5
 * `machine.toJSON()`: nested `states`, `transitions` with `#id` targets and `eventType`).
 * A targetless transition with actions is drawn as a loop on its state; one without any
 * does nothing, so it is not drawn. A named guard is shown in brackets after the event.
 */
export function readStatechart(definition: unknown): Statechart {
  const transitions: ChartTransition[] = [];
  const visit = (json: JsonState, path: string[]): ChartState => {
    const id = String(json.id ?? path.join('.'));
    const children = Object.entries(json.states ?? {}).map(([key, child]) => visit(child, [...path, key]));
    const initial = targetIds(json.initial?.target)[0];
    for (const transition of [...(json.transitions ?? []), ...(json.always ?? [])]) {
      const label = transitionLabel(transition.eventType) + guardLabel(transition.guard);
      const targets = targetIds(transition.target);
      // A targetless transition stays in the state but runs actions (a retry, a count): a loop.
      if (targets.length === 0 && Array.isArray(transition.actions) && transition.actions.length > 0) targets.push(id);
      for (const target of targets) transitions.push({ source: id, target, label });
    }
    return {
      id,
      key: String(json.key ?? path.at(-1) ?? id),
      type: typeof json.type === 'string' ? json.type : children.length > 0 ? 'compound' : 'atomic',
      path,
      children,
      ...(initial && children.some((c) => c.id === initial) ? { initial } : {}),
    };
  };
  if (typeof definition !== 'object' || definition === null) throw new TypeError('a machine definition is an object');
  return { root: visit(definition as JsonState, []), transitions };
}

function targetIds(target: unknown): string[] {
  const list = Array.isArray(target) ? target : target === undefined || target === null ? [] : [target];
  return list.filter((t): t is string => typeof t === 'string').map((t) => (t.startsWith('#') ? t.slice(1) : t));
}

/** XState names a delayed transition's event `xstate.after.<delay>.<state id>`. */
export function transitionLabel(eventType: unknown): string {
  if (typeof eventType !== 'string' || eventType === '') return 'always';
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return /^\d+$/.test(after[1]!) ? `after ${after[1]} ms` : `after ${after[1]}`;
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  return eventType;
}

/** ` [name]` for a guard given by name (`'dodgy'` or `{ type: 'dodgy' }`); inline guard functions have none. */
export function guardLabel(guard: unknown): string {
  const name = typeof guard === 'string' ? guard : typeof guard === 'object' && guard !== null ? (guard as { type?: unknown }).type : undefined;
  return typeof name === 'string' && name && !name.startsWith('xstate.') ? ` [${name}]` : '';
}

/** Every state, depth first (parents before their children). */
export function allStates(root: ChartState): ChartState[] {
  return [root, ...root.children.flatMap(allStates)];
}

/**
 * The ids of the active states for a stored state value (`"shipping"`,
 * `{ shipping: "packing" }`, or parallel regions `{ a: "x", b: "y" }`): each named state
 * and its ancestors, the root included.
 */
export function activeStates(root: ChartState, value: unknown): Set<string> {
  const active = new Set<string>([root.id]);
  const walk = (state: ChartState, value: unknown): void => {
    const names = typeof value === 'string' ? { [value]: undefined } : typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
    for (const [key, inner] of Object.entries(names)) {
      const child = state.children.find((c) => c.key === key);
      if (!child) continue;
      active.add(child.id);
      walk(child, inner);
    }
  };
  walk(root, value);
  return active;
}
