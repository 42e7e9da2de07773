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
}

export interface TransitionArrow extends ChartTransition {
  /** SVG path from the source's border to the target's. */
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

export const chartMetrics = { charWidth: 7, atomicHeight: 34, header: 24, padding: 14, gapY: 18, minGapX: 56, maxGapX: 200, minWidth: 72, margin: 10 };

type Size = { width: number; height: number; children: Array<{ state: ChartState; dx: number; dy: number }> };

/**
 * Lays a statechart out as nested boxes: an atomic state is a box sized to its name; a
 * compound state holds its children in columns by their distance (in transitions) from its
 * initial child, so the chart reads left to right; parallel regions are stacked. Arrows run
 * between box borders, labelled with their event; an arrow to or from an enclosing state
 * starts at that state's header.
 */
export function layoutStatechart(chart: Statechart, m = chartMetrics): StatechartLayout {
  const parentOf = new Map<string, ChartState>();
  for (const state of allStates(chart.root)) for (const child of state.children) parentOf.set(child.id, state);

  const sizes = new Map<string, Size>();
  const measure = (state: ChartState): Size => {
    const labelWidth = Math.max(m.minWidth, state.key.length * m.charWidth + 2 * m.padding);
    if (state.children.length === 0) return remember(state, { width: labelWidth, height: m.atomicHeight, children: [] });
    const measured = state.children.map((child) => ({ child, size: measure(child) }));
    const columns: Array<typeof measured> = [];
    const ranks = state.type === 'parallel' ? new Map(state.children.map((c) => [c.id, 0])) : rankChildren(state, chart.transitions, parentOf);
    for (const entry of measured) (columns[ranks.get(entry.child.id) ?? 0] ??= []).push(entry);
    const gapX = Math.min(m.maxGapX, Math.max(m.minGapX, longestLabel(state, chart.transitions, parentOf) * m.charWidth + 20));
    const placed: Size['children'] = [];
    let x = m.padding;
    let tallest = 0;
    for (const column of columns.filter(Boolean)) {
      let y = m.header + m.padding / 2;
      for (const { child, size } of column) {
        placed.push({ state: child, dx: x, dy: y });
        y += size.height + m.gapY;
      }
      tallest = Math.max(tallest, y - m.gapY);
      x += Math.max(...column.map((entry) => entry.size.width)) + gapX;
    }
    return remember(state, { width: Math.max(labelWidth, x - gapX + m.padding), height: tallest + m.padding, children: placed });
  };
  const remember = (state: ChartState, size: Size) => (sizes.set(state.id, size), size);

  const boxes: StateBox[] = [];
  const place = (state: ChartState, x: number, y: number, level: number) => {
    const size = sizes.get(state.id)!;
    boxes.push({ id: state.id, key: state.key, type: state.type, x, y, width: size.width, height: size.height, level, compound: state.children.length > 0 });
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
    if (!from || !to) continue;
    // Arrows between the same two states are spread apart so their labels stay readable.
    const pair = [from.id, to.id].sort().join('\u0000');
    const nth = pairs.get(pair) ?? 0;
    pairs.set(pair, nth + 1);
    arrows.push({ ...transition, ...(from === to ? selfLoop(from, nth) : arrowBetween(from, to, nth, m)) });
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

const contains = (outer: StateBox, inner: StateBox) =>
  outer !== inner && inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

function arrowBetween(from: StateBox, to: StateBox, nth: number, m: typeof chartMetrics) {
  const anchor = (box: StateBox, other: StateBox) =>
    contains(box, other) ? { x: box.x + box.width / 2, y: box.y + m.header / 2 } : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const a = anchor(from, to);
  const b = anchor(to, from);
  // Perpendicular offset for the 2nd, 3rd… arrow of a pair: 0, +10, -10, +20, …
  const shift = nth === 0 ? 0 : Math.ceil(nth / 2) * 10 * (nth % 2 === 1 ? 1 : -1);
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const nx = (-(b.y - a.y) / length) * shift;
  const ny = ((b.x - a.x) / length) * shift;
  const a2 = { x: a.x + nx, y: a.y + ny };
  const b2 = { x: b.x + nx, y: b.y + ny };
  const start = contains(from, to) ? a2 : clipToBorder(from, a2, b2);
  const end = contains(to, from) ? b2 : clipToBorder(to, b2, a2);
  return {
    d: `M ${round(start.x)} ${round(start.y)} L ${round(end.x)} ${round(end.y)}`,
    labelX: round((start.x + end.x) / 2),
    labelY: round((start.y + end.y) / 2 - 4),
  };
}

function selfLoop(box: StateBox, nth: number) {
  const x = box.x + box.width;
  const y = box.y + 8 + nth * 12;
  return { d: `M ${round(x)} ${round(y)} C ${round(x + 28)} ${round(y - 14)} ${round(x + 28)} ${round(y + 22)} ${round(x)} ${round(y + 12)}`, labelX: round(x + 30), labelY: round(y + 4) };
}

/** Where the segment from `inside` (in `box`) towards `outside` leaves the box. */
export function clipToBorder(box: StateBox, inside: { x: number; y: number }, outside: { x: number; y: number }) {
  const dx = outside.x - inside.x;
  const dy = outside.y - inside.y;
  let t = 1;
  if (dx > 0) t = Math.min(t, (box.x + box.width - inside.x) / dx);
  if (dx < 0) t = Math.min(t, (box.x - inside.x) / dx);
  if (dy > 0) t = Math.min(t, (box.y + box.height - inside.y) / dy);
  if (dy < 0) t = Math.min(t, (box.y - inside.y) / dy);
  t = Math.max(0, t);
  return { x: inside.x + dx * t, y: inside.y + dy * t };
}

const round = (n: number) => Math.round(n * 10) / 10;
