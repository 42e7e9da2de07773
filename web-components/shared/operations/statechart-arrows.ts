import type { StateBox } from './statechart-layout.ts';

/** Does `outer` enclose `inner` (an ancestor state's box)? */
const contains = (outer: StateBox, inner: StateBox) =>
  outer !== inner && inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

type Point = { x: number; y: number };

/**
 * The arrow from one state to another: straight when nothing is in the way, else a curve
 * bent to one side or the other, further each try, until it passes no other state.
 */
export function routeArrow(from: StateBox, to: StateBox, nth: number, boxes: readonly StateBox[], header: number) {
  const anchor = (box: StateBox, other: StateBox): Point =>
    contains(box, other) ? { x: box.x + box.width / 2, y: box.y + header / 2 } : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const a = anchor(from, to);
  const b = anchor(to, from);
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
  const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // What the arrow must not pass through: every state but its ends and the states around them.
  const obstacles = boxes.filter((box) => box !== from && box !== to && !contains(box, from) && !contains(box, to));
  // The 2nd, 3rd… arrow of a pair starts 10, -10, 20… px aside; bends try 40 px further each side.
  const spread = nth === 0 ? 0 : Math.ceil(nth / 2) * 10 * (nth % 2 === 1 ? 1 : -1);
  const shifts = [0, 40, -40, 80, -80, 120, -120, 160, -160].map((bend) => spread + bend);
  let chosen: { start: Point; end: Point; control: Point | undefined } | undefined;
  for (const shift of shifts) {
    const candidate = shape(from, to, a, b, shift === 0 ? undefined : { x: middle.x + normal.x * shift * 2, y: middle.y + normal.y * shift * 2 });
    if (!crosses(candidate, obstacles)) {
      chosen = candidate;
      break;
    }
  }
  const { start, end, control } = chosen ?? shape(from, to, a, b, undefined);
  if (!control) {
    return { d: `M ${round(start.x)} ${round(start.y)} L ${round(end.x)} ${round(end.y)}`, labelX: round((start.x + end.x) / 2), labelY: round((start.y + end.y) / 2 - 4) };
  }
  const apex = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
  return {
    d: `M ${round(start.x)} ${round(start.y)} Q ${round(control.x)} ${round(control.y)} ${round(end.x)} ${round(end.y)}`,
    labelX: round(apex.x),
    labelY: round(apex.y - 4),
  };
}

/** A line (no control point) or a quadratic curve, its ends on the states' borders. */
function shape(from: StateBox, to: StateBox, a: Point, b: Point, control: Point | undefined) {
  const start = contains(from, to) ? a : clipToBorder(from, a, control ?? b);
  const end = contains(to, from) ? b : clipToBorder(to, b, control ?? a);
  return { start, end, control };
}

function crosses({ start, end, control }: { start: Point; end: Point; control: Point | undefined }, obstacles: readonly StateBox[]): boolean {
  for (let i = 1; i < 24; i++) {
    const t = i / 24;
    const c = control ?? { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
    const x = (1 - t) ** 2 * start.x + 2 * (1 - t) * t * c.x + t ** 2 * end.x;
    const y = (1 - t) ** 2 * start.y + 2 * (1 - t) * t * c.y + t ** 2 * end.y;
    if (obstacles.some((box) => x > box.x + 2 && x < box.x + box.width - 2 && y > box.y + 2 && y < box.y + box.height - 2)) return true;
  }
  return false;
}

/** Where the segment from `inside` (in `box`) towards `outside` leaves the box. */
function clipToBorder(box: StateBox, inside: Point, outside: Point): Point {
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
