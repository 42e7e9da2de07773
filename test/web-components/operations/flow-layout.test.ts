import { describe, expect, it } from 'vitest';
import { flowBox, layoutFlow, type FlowRecord } from '../../../web-components/shared/operations/flow-layout.ts';

const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;
const record = (id: string, causationId: string | null, second: number, extra: Partial<FlowRecord> = {}): FlowRecord =>
  ({ id, type: `T-${id}`, kind: 'event', causationId, source: 'svc', occurredAt: at(second), ...extra });

describe('layoutFlow', () => {
  it('draws one node per message even when the API lists it once per actor, collecting who handled it', () => {
    const layout = layoutFlow([
      record('a', null, 0, { kind: 'command', actor: 'l.one', direction: 'handled' }),
      record('b', 'a', 1, { actor: 'l.one', direction: 'emitted' }),
      record('b', 'a', 1, { actor: 'l.two', direction: 'handled' }),
      record('b', 'a', 1, { actor: 'l.three', direction: 'handled' }),
    ]);
    expect(layout.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(layout.nodes[1]!.handledBy).toEqual(['l.two', 'l.three']);
    expect(layout.edges).toHaveLength(1);
  });

  it('places a message one layer below its cause (depth = causation chain length), siblings by time', () => {
    const layout = layoutFlow([
      record('root', null, 0),
      record('late', 'root', 5),
      record('early', 'root', 2),
      record('grandchild', 'late', 6),
    ]);
    const node = (id: string) => layout.nodes.find((n) => n.id === id)!;
    expect([node('root').depth, node('early').depth, node('late').depth, node('grandchild').depth]).toEqual([0, 1, 1, 2]);
    expect(node('early').column).toBe(0);
    expect(node('late').column).toBe(1);
    expect(node('early').x).toBeLessThan(node('late').x);
    expect(node('root').y).toBeLessThan(node('early').y);
    expect(node('early').y).toBe(node('late').y);
    expect(node('late').y).toBeLessThan(node('grandchild').y);
  });

  it('draws an edge from the bottom of the cause to the top of the effect', () => {
    const layout = layoutFlow([record('a', null, 0), record('b', 'a', 1)]);
    const [a, b] = layout.nodes;
    expect(layout.edges).toEqual([{
      from: 'a', to: 'b', x1: a!.x + flowBox.width / 2, y1: a!.y + flowBox.height, x2: b!.x + flowBox.width / 2, y2: b!.y,
    }]);
  });

  it('treats a message whose cause is not in the flow as a root, with no edge', () => {
    const layout = layoutFlow([record('a', 'elsewhere', 0), record('b', null, 1)]);
    expect(layout.nodes.map((n) => [n.id, n.depth])).toEqual([['a', 0], ['b', 0]]);
    expect(layout.edges).toEqual([]);
  });

  it('survives a causation cycle instead of recursing forever', () => {
    const layout = layoutFlow([record('a', 'b', 0), record('b', 'a', 1)]);
    expect(layout.nodes).toHaveLength(2);
  });

  it('sizes the drawing to its widest layer and its number of layers', () => {
    const layout = layoutFlow([record('r', null, 0), record('x', 'r', 1), record('y', 'r', 2), record('z', 'r', 3)]);
    expect(layout.width).toBe(2 * flowBox.margin + 3 * flowBox.width + 2 * flowBox.gapX);
    expect(layout.height).toBe(2 * flowBox.margin + 2 * flowBox.height + flowBox.gapY);
    expect(layoutFlow([])).toMatchObject({ nodes: [], edges: [], width: 2 * flowBox.margin, height: 2 * flowBox.margin });
  });
});
