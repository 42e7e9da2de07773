// What the board shows, as plain data and pure functions (no DOM), so the rules are easy to find.
import type { OrderDocument } from '../../services/restaurant/document/order-document.ts';
import { advanceStatus, statusOfEvent, type OrderStatus } from '../../services/restaurant/waiter/order-status.ts';

/** An order as `GET /api/restaurant/orders/<id>` answers it: its document's fields, and where it stands. */
export interface OrderView extends Pick<OrderDocument, 'orderId' | 'tableNumber' | 'subtotal' | 'tax' | 'total' | 'cookTime' | 'ingredients' | 'paid' | 'dodgy'> {
  correlationId: string;
  items: Array<{ item: string; quantity: number; price: number }>;
  status: string;
  placedAt: string;
  process: { machine: string; state: unknown; status: string; context?: { tries?: number } } | null;
}

export interface CookView {
  name: string;
  queueLength: number;
  cooked: number;
  paused: boolean;
  mostHeld?: number;
}

/** `GET /api/restaurant/orders/<id>/messages`. */
export interface MessageView {
  id: string;
  type: string;
  kind: string;
  correlationId: string;
  causationId: string | null;
  source?: string;
  at: string;
}

/** The board's columns, in the order an order moves through them (eat first). */
export const stages = ['placed', 'cooking', 'cooked', 'priced', 'paid', 'finished', 'gave-up'] as const;

/** Orders by stage, newest first in each. */
export function byStage(orders: readonly OrderView[]): Record<string, OrderView[]> {
  const columns: Record<string, OrderView[]> = Object.fromEntries(stages.map((stage) => [stage, []]));
  for (const order of [...orders].sort((a, b) => b.placedAt.localeCompare(a.placedAt))) (columns[order.status] ??= []).push(order);
  return columns;
}

/**
 * The list with `order` merged into the one with its id (or added). The status only moves
 * forward (the server's rule): an answer read just before the read model caught up with
 * an event must not move a card back.
 */
export function upsertOrder(orders: readonly OrderView[], order: OrderView): OrderView[] {
  const i = orders.findIndex((o) => o.orderId === order.orderId);
  if (i === -1) return [order, ...orders];
  const known = orders[i]!;
  const status = advanceStatus(known.status as OrderStatus, order.status as OrderStatus, order.dodgy);
  // The process manager's state is read with the answer, so the answer's is the newer one.
  const merged = { ...order, status, process: order.process ?? known.process };
  return orders.map((o, j) => (j === i ? merged : o));
}

/**
 * What an event of a known order tells at once, before the order is read again: its
 * document as the event carries it, and the status the event means.
 */
export function applyEvent(orders: readonly OrderView[], type: string, document: Partial<OrderView> & { orderId: string }): OrderView[] {
  const known = orders.find((o) => o.orderId === document.orderId);
  const status = statusOfEvent(type);
  if (!known || !status) return [...orders];
  return upsertOrder(orders, { ...known, ...document, status, process: known.process, placedAt: known.placedAt });
}

/** One line for an order's items: `2 × pancake, 2 × ice cream`. */
export function itemsText(order: Pick<OrderView, 'items'>): string {
  return order.items.map((line) => `${line.quantity} × ${line.item}`).join(', ');
}

/** The process manager's state as text: `eatFirst.cooking`, `finished`. */
export function stateText(state: unknown): string {
  if (typeof state === 'string') return state;
  if (state && typeof state === 'object') return Object.entries(state).map(([k, v]) => `${k}.${stateText(v)}`).join(', ');
  return '—';
}

/** Queue lengths over time per cook, at most `keep` samples each. */
export type QueueHistory = Record<string, number[]>;

export function recordQueues(history: QueueHistory, cooks: readonly CookView[], keep = 60): QueueHistory {
  const next: QueueHistory = {};
  for (const cook of cooks) next[cook.name] = [...(history[cook.name] ?? []), cook.queueLength].slice(-keep);
  return next;
}

/** A sparkline's SVG polyline points for samples in [0, max], `width` × `height`. */
export function sparkline(samples: readonly number[], width: number, height: number, max: number): string {
  if (samples.length === 0) return '';
  const step = samples.length > 1 ? width / (samples.length - 1) : 0;
  return samples.map((value, i) => `${(i * step).toFixed(1)},${(height - (Math.min(value, max) / max) * height).toFixed(1)}`).join(' ');
}

/** A message placed in the causation graph: its depth (causation hops from the first message). */
export interface GraphNode extends MessageView {
  depth: number;
}

/**
 * The messages laid out by causation: each one below the message that caused it, so the
 * chain reads top-down and a retry or a duplicate shows as a branch.
 */
export function causationGraph(messages: readonly MessageView[]): GraphNode[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const children = new Map<string | null, MessageView[]>();
  for (const message of messages) {
    const parent = message.causationId && byId.has(message.causationId) ? message.causationId : null;
    children.set(parent, [...(children.get(parent) ?? []), message]);
  }
  const laid: GraphNode[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const message of children.get(parent) ?? []) {
      laid.push({ ...message, depth });
      visit(message.id, depth + 1);
    }
  };
  visit(null, 0);
  return laid;
}
