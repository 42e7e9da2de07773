import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatcherCounts, type KitchenTables } from '../../../services/restaurant/kitchen/kitchen-store.ts';
import { readDb } from '../../../services/restaurant/read-db.ts';
import { eventually } from '../../support/wait.ts';
import { restaurantEdge } from './restaurant-edge.ts';

// Chaos is drawn once per CookFood on its way to a cook: below `drop` it is lost, from
// 1 - `duplicate` up it is delivered twice. The draws are scripted here.
const draws: number[] = [];
let r: Awaited<ReturnType<typeof restaurantEdge>>;
beforeAll(async () => {
  r = await restaurantEdge('restaurant-chaos', { chaos: { drop: 0.2, duplicate: 0.2 }, random: () => draws.shift() ?? 0.5 });
});
afterAll(() => r?.edge.cleanup());

const counts = () => dispatcherCounts(readDb<KitchenTables>(r.edge.system, r.landscape.actors.find((a) => a.service === 'kitchen')!));

describe('chaos on the way to the cooks', () => {
  it('a dropped CookFood is sent again when the alarm rings, and the order completes', async () => {
    const before = await counts();
    draws.push(0.1); // the first CookFood is lost; the retry gets through
    const { orderId } = await r.order();
    const done = await r.untilStatus(orderId, ['finished', 'gave-up']);
    expect(done.status).toBe('finished');
    const messages = await r.messages(orderId);
    const fromProcessManager = messages.filter((m) => m.type === 'CookFood' && m.source === 'restaurant.process-manager');
    expect(fromProcessManager).toHaveLength(2);
    // The second CookFood was caused by the alarm (the durable timer), not by anything a cook said.
    const alarm = messages.find((m) => m.id === fromProcessManager[1]!.causationId);
    expect(alarm?.type).toBe('actors.timer');
    expect(messages.filter((m) => m.type === 'OrderCooked')).toHaveLength(1);
    expect(done.process.context.tries).toBe(2);
    expect((await counts()).dropped - before.dropped).toBe(1);
  });

  it('a duplicated CookFood is cooked twice: one PriceOrder, one DuplicateFoodCooked, charged once', async () => {
    const before = await counts();
    const system = r.edge.system;
    const assistant = system.names.mailbox('restaurant', 'assistant-manager');
    await system.pause(assistant); // both OrderCooked arrive while the order waits to be priced
    draws.push(0.9);
    const { orderId } = await r.order();
    try {
      const duplicate = await eventually(async () => (await r.messages(orderId)).find((m) => m.type === 'DuplicateFoodCooked'), 15_000, 'DuplicateFoodCooked');
      expect(duplicate.source).toBe('restaurant.process-manager');
    } finally {
      await system.resume(assistant);
    }
    await r.untilStatus(orderId, ['finished']);
    const types = (await r.messages(orderId)).map((m) => m.type);
    expect(types.filter((t) => t === 'OrderCooked')).toHaveLength(2);
    expect(types.filter((t) => t === 'PriceOrder')).toHaveLength(1);
    expect(types.filter((t) => t === 'TakePayment')).toHaveLength(1);
    expect(types.filter((t) => t === 'OrderPaid')).toHaveLength(1);
    expect(types.filter((t) => t === 'DuplicateFoodCooked')).toHaveLength(1);
    expect((await counts()).duplicated - before.duplicated).toBe(1);
  });
});
