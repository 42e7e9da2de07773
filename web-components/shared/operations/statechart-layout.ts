import { routeArrow } from './statechart-arrows.ts';
import { allStates, type ChartState, type ChartTransition, type Statechart } from './statechart-model.ts';

export interface StateBox {
  id: string;
  key: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Nesting level: 0 for the machine itself. */
  level: number;
  compound: boolean;
  /** Where the name goes: centred in an atomic state, top left in a compound one. */
  textX: number;
  textY: number;
  /** Transitions that stay in this state (they run actions), listed inside it under the name. */
  internal: Array<{ label: string; y: number }>;
}

export interface TransitionArrow extends ChartTransition {
  /** SVG path from the source's border to the target's: a line, or a bend around other states. */
  d: string;
  labelX: number;
  labelY: number;
}

export interface StatechartLayout {
  boxes: StateBox[];
  arrows: TransitionArrow[];
  width: number;
  height: number;
}

export const chartMetrics = { charWidth: 7, atomicHeight: 34, header: 24, lineHeight: 14, padding: 14, gapY: 18, minGapX: 56, maxGapX: 200, minWidth: 72, margin: 10 };

type Size = { width: number; height: number; internal: string[]; children: Array<{ state: ChartState; dx: number; dy: number }> };

/**
 * Lays a statechart out as nested boxes: an atomic state is a box sized to its name; a
 * compound state holds its children in columns by their distance (in transitions) from its
 * initial child, so the chart reads left to right; parallel regions are stacked. A
 * transition that stays in its state is listed inside it. Other arrows run between box
 * borders, labelled with their event, bent around states in their way; an arrow to or from
 * an enclosing state starts at that state's header.
 */
export function layoutStatechart(chart: Statechart, m = chartMetrics): StatechartLayout {
  const parentOf = new Map<string, ChartState>();
  for (const state of allStates(chart.root)) for (const child of state.children) parentOf.set(child.id, state);
  const internalOf = new Map<string, string[]>();
  for (const t of chart.transitions) if (t.source === t.target) internalOf.set(t.source, [...(internalOf.get(t.source) ?? []), t.label]);

  const sizes = new Map<string, Size>();
  const measure = (state: ChartState): Size => {
    const internal = internalOf.get(state.id) ?? [];
    const labelWidth = Math.max(m.minWidth, ...[state.key, ...internal.map((l) => `↺ ${l}`)].map((text) => text.length * m.charWidth + 2 * m.padding));
    if (state.children.length === 0) {
      return remember(state, { width: labelWidth, height: m.atomicHeight + internal.length * m.lineHeight, internal, children: [] });
    }
    const measured = state.children.map((child) => ({ child, size: measure(child) }));
    const columns: Array<typeof measured> = [];
    const ranks = state.type === 'parallel' ? new Map(state.children.map((c) => [c.id, 0])) : rankChildren(state, chart.transitions, parentOf);
    for (const entry of measured) (columns[ranks.get(entry.child.id) ?? 0] ??= []).push(entry);
    const gapX = Math.min(m.maxGapX, Math.max(m.minGapX, longestLabel(state, chart.transitions, parentOf) * m.charWidth + 20));
    const placed: Size['children'] = [];
    let x = m.padding;
    let tallest = 0;
    for (const column of columns.filter(Boolean)) {
      let y = m.header + internal.length * m.lineHeight + m.padding / 2;
      for (const { child, size } of column) {
        placed.push({ state: child, dx: x, dy: y });
        y += size.height + m.gapY;
      }
      tallest = Math.max(tallest, y - m.gapY);
      x += Math.max(...column.map((entry) => entry.size.width)) + gapX;
    }
    return remember(state, { width: Math.max(labelWidth, x - gapX + m.padding), height: tallest + m.padding, internal, children: placed });
  };
  const remember = (state: ChartState, size: Size) => (sizes.set(state.id, size), size);

  const boxes: StateBox[] = [];
  const place = (state: ChartState, x: number, y: number, level: number) => {
    const size = sizes.get(state.id)!;
    const compound = state.children.length > 0;
    // The name on the first line: centred when it is alone in an atomic box, else at the top.
    const textY = compound ? y + 16 : size.internal.length === 0 ? y + size.height / 2 + 4 : y + 21;
    boxes.push({
      id: state.id, key: state.key, type: state.type, x, y, width: size.width, height: size.height, level, compound,
      textX: compound ? x + 10 : x + size.width / 2,
      textY,
      internal: size.internal.map((label, i) => ({ label, y: textY + (i + 1) * m.lineHeight })),
    });
    for (const child of size.children) place(child.state, x + child.dx, y + child.dy, level + 1);
  };
  const root = measure(chart.root);
  place(chart.root, m.margin, m.margin, 0);

  const byId = new Map(boxes.map((box) => [box.id, box]));
  const pairs = new Map<string, number>();
  const arrows: TransitionArrow[] = [];
  for (const transition of chart.transitions) {
    const from = byId.get(transition.source);
    const to = byId.get(transition.target);
    if (!from || !to || from === to) continue;
    // Arrows between the same two states are spread apart so their labels stay readable.
    const pair = [from.id, to.id].sort().join('\u0000');
    const nth = pairs.get(pair) ?? 0;
    pairs.set(pair, nth + 1);
    arrows.push({ ...transition, ...routeArrow(from, to, nth, boxes, m.header) });
  }
  return { boxes, arrows, width: root.width + 2 * m.margin, height: root.height + 2 * m.margin };
}

/** Children of `state` by BFS distance from its initial child, transitions lifted to the children containing their ends. */
function rankChildren(state: ChartState, transitions: readonly ChartTransition[], parentOf: Map<string, ChartState>): Map<string, number> {
  const next = new Map<string, string[]>();
  for (const t of transitions) {
    const from = childContaining(state, t.source, parentOf);
    const to = childContaining(state, t.target, parentOf);
    if (from && to && from !== to) next.set(from, [...(next.get(from) ?? []), to]);
  }
  const ranks = new Map<string, number>();
  const start = state.initial ?? state.children[0]!.id;
  ranks.set(start, 0);
  for (const queue = [start]; queue.length > 0;) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      if (!ranks.has(to)) {
        ranks.set(to, ranks.get(id)! + 1);
        queue.push(to);
      }
    }
  }
  const unreached = Math.max(...ranks.values()) + 1;
  for (const child of state.children) if (!ranks.has(child.id)) ranks.set(child.id, unreached);
  return ranks;
}

function childContaining(state: ChartState, id: string, parentOf: Map<string, ChartState>): string | undefined {
  for (let current = id, parent = parentOf.get(id); parent; current = parent.id, parent = parentOf.get(parent.id)) {
    if (parent.id === state.id) return current;
  }
  return undefined;
}

function longestLabel(state: ChartState, transitions: readonly ChartTransition[], parentOf: Map<string, ChartState>): number {
  const inside = transitions.filter((t) => parentOf.get(t.source) === state || parentOf.get(t.target) === state);
  return Math.max(0, ...inside.map((t) => t.label.length));
}
