/** One row of `GET /api/admin/flows/<correlationId>`: a message as handled or emitted by an actor. */
export interface FlowRecord {
  id: string;
  type: string;
  kind: string;
  causationId: string | null;
  source: string | null;
  occurredAt: string;
  actor?: string;
  direction?: string;
}

export interface FlowNode {
  id: string;
  type: string;
  kind: string;
  source: string | null;
  occurredAt: string;
  /** The actors that handled it (a message appears once per record in the API, once here). */
  handledBy: string[];
  /** Causation chain length: 0 for the stimulus (or a message whose cause is not in the flow). */
  depth: number;
  /** Position within its depth, by time. */
  column: number;
  x: number;
  y: number;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** From the bottom middle of the cause to the top middle of the effect. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FlowLayout {
  nodes: FlowNode[];
  edges: FlowEdge[];
  width: number;
  height: number;
}

export const flowBox = { width: 180, height: 56, gapX: 28, gapY: 48, margin: 12 };

/**
 * The flow as a layered graph: one node per message id, an edge per causation (causationId →
 * id) whose cause is in the flow; depth = causation chain length (top to bottom), column order
 * within a depth by time, so the stimulus sits on top and its effects fan out below.
 */
export function layoutFlow(records: readonly FlowRecord[], box = flowBox): FlowLayout {
  const byId = new Map<string, Omit<FlowNode, 'depth' | 'column' | 'x' | 'y'>>();
  for (const record of records) {
    const known = byId.get(record.id);
    const node = known ?? { id: record.id, type: record.type, kind: record.kind, source: record.source, occurredAt: record.occurredAt, handledBy: [] };
    if (!known) byId.set(record.id, node);
    if (record.direction === 'handled' && record.actor && !node.handledBy.includes(record.actor)) node.handledBy.push(record.actor);
    if (record.occurredAt < node.occurredAt) node.occurredAt = record.occurredAt;
  }
  const causeOf = new Map<string, string>();
  for (const record of records) {
    if (record.causationId && record.causationId !== record.id && byId.has(record.causationId)) causeOf.set(record.id, record.causationId);
  }

  const depths = new Map<string, number>();
  const depthOf = (id: string, seen = new Set<string>()): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const cause = causeOf.get(id);
    // A cycle cannot come from real messages (a cause precedes its effect), but must not hang the page.
    const depth = cause === undefined || seen.has(cause) ? 0 : depthOf(cause, seen.add(id)) + 1;
    depths.set(id, depth);
    return depth;
  };

  const layers: Array<Array<Omit<FlowNode, 'depth' | 'column' | 'x' | 'y'>>> = [];
  for (const node of byId.values()) (layers[depthOf(node.id)] ??= []).push(node);
  const order = [...byId.keys()];
  const nodes: FlowNode[] = [];
  layers.forEach((layer = [], depth) => {
    layer
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || order.indexOf(a.id) - order.indexOf(b.id))
      .forEach((node, column) => nodes.push({
        ...node,
        depth,
        column,
        x: box.margin + column * (box.width + box.gapX),
        y: box.margin + depth * (box.height + box.gapY),
      }));
  });

  const placed = new Map(nodes.map((node) => [node.id, node]));
  const edges: FlowEdge[] = [];
  for (const [id, cause] of causeOf) {
    const from = placed.get(cause)!;
    const to = placed.get(id)!;
    edges.push({ from: cause, to: id, x1: from.x + box.width / 2, y1: from.y + box.height, x2: to.x + box.width / 2, y2: to.y });
  }

  const columns = Math.max(0, ...layers.map((layer) => layer?.length ?? 0));
  return {
    nodes,
    edges,
    width: box.margin * 2 + Math.max(0, columns * box.width + (columns - 1) * box.gapX),
    height: box.margin * 2 + Math.max(0, layers.length * box.height + (layers.length - 1) * box.gapY),
  };
}
