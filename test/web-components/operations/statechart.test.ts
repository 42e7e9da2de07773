import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { layoutStatechart, type StateBox } from '../../../web-components/shared/operations/statechart-layout.ts';
import { activeStates, allStates, guardLabel, readStatechart, transitionLabel, type ChartState } from '../../../web-components/shared/operations/statechart-model.ts';

// The definition exactly as the admin API serves it: XState's own toJSON.
const delivery = setup({ delays: { patience: 500 }, guards: { paid: () => true }, actions: { remind: () => {} } }).createMachine({
  id: 'delivery@2',
  initial: 'ordered',
  states: {
    ordered: { on: { Ordered: [{ guard: 'paid', target: 'shipping' }, { target: 'cancelled' }], Cancelled: 'cancelled', Nudged: { actions: 'remind' } } },
    shipping: {
      initial: 'packing',
      states: { packing: { on: { Packed: 'onTruck' } }, onTruck: { after: { patience: 'onTruck' } } },
      on: { Arrived: 'delivered' },
      after: { 1000: 'lost' },
    },
    lost: { on: { Found: 'shipping.onTruck' } },
    delivered: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
const definition = JSON.parse(JSON.stringify(delivery.toJSON()));

describe('readStatechart', () => {
  it('reads nested states with their ids, types and initial child from the XState JSON', () => {
    const { root } = readStatechart(definition);
    expect(root).toMatchObject({ id: 'delivery@2', type: 'compound', initial: 'delivery@2.ordered', path: [] });
    expect(root.children.map((s) => [s.key, s.type])).toEqual([
      ['ordered', 'atomic'], ['shipping', 'compound'], ['lost', 'atomic'], ['delivered', 'final'], ['cancelled', 'final'],
    ]);
    const shipping = root.children[1]!;
    expect(shipping).toMatchObject({ id: 'delivery@2.shipping', initial: 'delivery@2.shipping.packing', path: ['shipping'] });
    expect(shipping.children.map((s) => s.id)).toEqual(['delivery@2.shipping.packing', 'delivery@2.shipping.onTruck']);
    expect(allStates(root)).toHaveLength(8);
  });

  it('reads transitions between state ids, labelled by event, delay or always', () => {
    const { transitions } = readStatechart(definition);
    expect(transitions).toEqual(expect.arrayContaining([
      { source: 'delivery@2.ordered', target: 'delivery@2.shipping', label: 'Ordered [paid]' },
      { source: 'delivery@2.ordered', target: 'delivery@2.cancelled', label: 'Ordered' },
      { source: 'delivery@2.ordered', target: 'delivery@2.cancelled', label: 'Cancelled' },
      { source: 'delivery@2.ordered', target: 'delivery@2.ordered', label: 'Nudged' },
      { source: 'delivery@2.shipping', target: 'delivery@2.delivered', label: 'Arrived' },
      { source: 'delivery@2.shipping', target: 'delivery@2.lost', label: 'after 1000 ms' },
      { source: 'delivery@2.shipping.packing', target: 'delivery@2.shipping.onTruck', label: 'Packed' },
      { source: 'delivery@2.shipping.onTruck', target: 'delivery@2.shipping.onTruck', label: 'after patience' },
      { source: 'delivery@2.lost', target: 'delivery@2.shipping.onTruck', label: 'Found' },
    ]));
    expect(transitions).toHaveLength(9);
  });

  it('names a guard given by name, not an inline one', () => {
    expect(guardLabel('paid')).toBe(' [paid]');
    expect(guardLabel({ type: 'paid', params: {} })).toBe(' [paid]');
    expect(guardLabel(undefined)).toBe('');
    expect(guardLabel('xstate.guard')).toBe('');
  });

  it('labels XState internal event names readably', () => {
    expect(transitionLabel('xstate.after.250.m@1.wait')).toBe('after 250 ms');
    expect(transitionLabel('')).toBe('always');
    expect(transitionLabel(null)).toBe('always');
    expect(transitionLabel('xstate.done.state.m@1.review')).toBe('done');
    expect(transitionLabel('PaymentReceived')).toBe('PaymentReceived');
  });

  it('refuses something that is not a definition', () => {
    expect(() => readStatechart(null)).toThrow(TypeError);
  });
});

describe('activeStates', () => {
  const { root } = readStatechart(definition);

  it('marks a top-level state and the machine', () => {
    expect([...activeStates(root, 'lost')]).toEqual(['delivery@2', 'delivery@2.lost']);
  });

  it('marks a nested state and its parents', () => {
    expect([...activeStates(root, { shipping: 'onTruck' })]).toEqual(['delivery@2', 'delivery@2.shipping', 'delivery@2.shipping.onTruck']);
  });

  it('ignores names the definition does not have (an instance of another version)', () => {
    expect([...activeStates(root, { gone: 'away' })]).toEqual(['delivery@2']);
  });
});

describe('layoutStatechart', () => {
  const layout = layoutStatechart(readStatechart(definition));
  const box = (id: string) => layout.boxes.find((b) => b.id === `delivery@2${id}`)!;
  const inside = (inner: StateBox, outer: StateBox) =>
    inner.x > outer.x && inner.y > outer.y && inner.x + inner.width < outer.x + outer.width && inner.y + inner.height < outer.y + outer.height;
  const overlap = (a: StateBox, b: StateBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('draws nested states inside their parents, and every state inside the machine', () => {
    expect(layout.boxes).toHaveLength(8);
    expect(inside(box('.shipping.packing'), box('.shipping'))).toBe(true);
    expect(inside(box('.shipping.onTruck'), box('.shipping'))).toBe(true);
    for (const b of layout.boxes.filter((b) => b.level === 1)) expect(inside(b, box(''))).toBe(true);
    expect(box('.shipping.packing')).toMatchObject({ level: 2, compound: false });
    expect(box('.shipping')).toMatchObject({ level: 1, compound: true });
    expect(layout.width).toBeGreaterThanOrEqual(box('').x + box('').width);
    expect(layout.height).toBeGreaterThanOrEqual(box('').y + box('').height);
  });

  it('keeps sibling boxes apart', () => {
    const siblings = layout.boxes.filter((b) => b.level === 1);
    for (const a of siblings) for (const b of siblings) if (a !== b) expect(overlap(a, b)).toBe(false);
    expect(overlap(box('.shipping.packing'), box('.shipping.onTruck'))).toBe(false);
  });

  it('reads left to right: a state stands in a column after the state it is reached from', () => {
    expect(box('.ordered').x).toBeLessThan(box('.shipping').x);
    expect(box('.shipping').x + box('.shipping').width).toBeLessThanOrEqual(box('.delivered').x);
    expect(box('.shipping.packing').x).toBeLessThan(box('.shipping.onTruck').x);
  });

  it('draws one labelled arrow per transition, from the border of the source to the border of the target', () => {
    expect(layout.arrows).toHaveLength(7); // the two loops are listed inside their states
    const arrived = layout.arrows.find((a) => a.label === 'Arrived')!;
    const [, x1, y1, x2, y2] = /^M (\S+) (\S+) L (\S+) (\S+)$/.exec(arrived.d)!.map(Number);
    const onBorder = (b: StateBox, x: number, y: number) =>
      (Math.abs(x - b.x) < 0.2 || Math.abs(x - b.x - b.width) < 0.2 || Math.abs(y - b.y) < 0.2 || Math.abs(y - b.y - b.height) < 0.2)
      && x >= b.x - 0.2 && x <= b.x + b.width + 0.2 && y >= b.y - 0.2 && y <= b.y + b.height + 0.2;
    expect(onBorder(box('.shipping'), x1!, y1!)).toBe(true);
    expect(onBorder(box('.delivered'), x2!, y2!)).toBe(true);
    expect(arrived.labelX).toBeGreaterThan(x1!);
    expect(arrived.labelX).toBeLessThan(x2!);
  });

  it('lists a transition that stays in its state inside that state, not as an arrow', () => {
    expect(layout.arrows.some((a) => a.label === 'after patience' || a.label === 'Nudged')).toBe(false);
    const onTruck = box('.shipping.onTruck');
    expect(onTruck.internal).toEqual([{ label: 'after patience', y: onTruck.textY + 14 }]);
    expect(onTruck.y + onTruck.height).toBeGreaterThan(onTruck.internal[0]!.y);
    expect(onTruck.width).toBeGreaterThanOrEqual('↺ after patience'.length * 7);
    expect(box('.ordered').internal.map((i) => i.label)).toEqual(['Nudged']);
  });

  it('bends an arrow around the states in its way', () => {
    // p1 → p2 → p3 in a row inside p; p1's arrow to x (right of p) would run straight through p2 and p3.
    const state = (id: string, children: string[] = []): ChartState => ({
      id, key: id, type: children.length ? 'compound' : 'atomic', path: [id], children: children.map((c) => state(c)),
      ...(children.length ? { initial: children[0] } : {}),
    });
    const chart = {
      root: { ...state('m', ['p', 'x']), path: [] },
      transitions: [
        { source: 'p1', target: 'p2', label: 'One' }, { source: 'p2', target: 'p3', label: 'Two' },
        { source: 'p1', target: 'x', label: 'Escape' }, { source: 'p', target: 'x', label: 'Leave' },
      ],
    };
    chart.root.children[0] = state('p', ['p1', 'p2', 'p3']);
    const bent = layoutStatechart(chart);
    const at = (id: string) => bent.boxes.find((b) => b.id === id)!;
    expect(at('p1').y).toBe(at('p3').y);
    expect(at('p1').x).toBeLessThan(at('p2').x);
    const escape = bent.arrows.find((a) => a.label === 'Escape')!;
    const [, sx, sy, cx, cy, ex, ey] = /^M (\S+) (\S+) Q (\S+) (\S+) (\S+) (\S+)$/.exec(escape.d)!.map(Number);
    for (let t = 0.05; t < 1; t += 0.05) {
      const x = (1 - t) ** 2 * sx! + 2 * (1 - t) * t * cx! + t ** 2 * ex!;
      const y = (1 - t) ** 2 * sy! + 2 * (1 - t) * t * cy! + t ** 2 * ey!;
      for (const b of [at('p2'), at('p3')]) expect(x > b.x + 2 && x < b.x + b.width - 2 && y > b.y + 2 && y < b.y + b.height - 2).toBe(false);
    }
    expect(bent.arrows.find((a) => a.label === 'Leave')!.d).toMatch(/^M \S+ \S+ L /); // nothing in its way: straight
  });

  it('spreads two transitions between the same states apart', () => {
    const twice = layoutStatechart({
      root: { id: 'm', key: 'm', type: 'compound', path: [], initial: 'm.a', children: [
        { id: 'm.a', key: 'a', type: 'atomic', path: ['a'], children: [] },
        { id: 'm.b', key: 'b', type: 'atomic', path: ['b'], children: [] },
      ] },
      transitions: [{ source: 'm.a', target: 'm.b', label: 'Go' }, { source: 'm.b', target: 'm.a', label: 'Back' }],
    });
    expect(twice.arrows[0]!.labelY).not.toBe(twice.arrows[1]!.labelY);
  });
});
