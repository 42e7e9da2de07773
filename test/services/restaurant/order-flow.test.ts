import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommand, createEvent, scaled } from '../../../actors/mod.ts';
import { orderLifetime, placeOrder } from '../../../services/restaurant/waiter/place-order.ts';
import type { KitchenTables } from '../../../services/restaurant/kitchen/kitchen-store.ts';
import { readDb } from '../../../services/restaurant/read-db.ts';
import { managementFetch } from '../../support/environment.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { domainTypes, restaurantEdge, withoutAlarms, type Message } from './restaurant-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

let r: Awaited<ReturnType<typeof restaurantEdge>>;
beforeAll(async () => { r = await restaurantEdge('restaurant-flow'); });
afterAll(() => r?.edge.cleanup());

const pancakesAndIceCream = { tableNumber: 9, items: [{ item: 'pancake' as const, quantity: 2 }, { item: 'ice cream' as const, quantity: 2 }] };

/** Each message is caused by the one before it; all share the order's correlation id. */
function expectChain(messages: Message[], correlationId: string) {
  expect(messages[0]!.causationId).toBeNull();
  for (const [i, message] of messages.entries()) {
    expect(message.correlationId).toBe(correlationId);
    if (i > 0) expect(message.causationId, `${message.type} caused by ${messages[i - 1]!.type}`).toBe(messages[i - 1]!.id);
  }
}

describe('an order through the restaurant', () => {
  it('eats first: OrderPlaced, CookFood, OrderCooked, PriceOrder, OrderPriced, TakePayment, OrderPaid, ProcessFinished', async () => {
    const { orderId, correlationId } = await r.order({ tableNumber: 4, items: [{ item: 'pancake', quantity: 2 }] });
    const done = await r.untilStatus(orderId, ['finished']);
    expect(done).toMatchObject({
      orderId, correlationId, tableNumber: 4, subtotal: 20, tax: 5, total: 25, paid: true, dodgy: false,
      ingredients: 'flour, milk, egg', cookTime: 1_500, items: [{ item: 'pancake', quantity: 2, price: 10 }],
      process: { state: 'finished' },
    });
    const messages = withoutAlarms(await r.messages(orderId));
    // The spec's sequence: the kitchen's hop to the cook is dispatch, not a message of the process.
    expect(domainTypes(messages)).toEqual([
      'OrderPlaced', 'CookFood!', 'OrderCooked', 'PriceOrder!', 'OrderPriced', 'TakePayment!', 'OrderPaid', 'ProcessFinished',
    ]);
    expect(messages.find((m) => m.type === 'CookFood')!.source).toBe('restaurant.process-manager');
    expectChain(messages, correlationId);
    // The alarm clock, set with the CookFood (so caused by OrderPlaced), rings 10 s later: it is
    // listed then, as CookingTimedOut, and changes nothing.
    const alarm = await eventually(async () => (await r.messages(orderId)).find((m) => m.type === 'CookingTimedOut'), 20_000, 'the alarm rang');
    expect(alarm).toMatchObject({ causationId: messages[0]!.id, correlationId, source: 'restaurant.process-manager' });
    const after = await r.messages(orderId);
    expect(withoutAlarms(after)).toEqual(messages);
    expect(after.filter((m) => m.type === 'CookingTimedOut')).toHaveLength(1);
    expect(after.map((m) => m.type)).not.toContain('actors.timer');
  });

  it('pays first for a dodgy customer: OrderPlaced, PriceOrder, OrderPriced, TakePayment, OrderPaid, CookFood, OrderCooked, ProcessFinished, no alarm', async () => {
    const { orderId, correlationId } = await r.order({ ...pancakesAndIceCream, dodgy: true });
    const done = await r.untilStatus(orderId, ['finished']);
    expect(done).toMatchObject({
      subtotal: 32, tax: 8, total: 40, paid: true, dodgy: true, ingredients: 'flour, milk, egg, ice cream, chocolate',
      items: [{ item: 'pancake', quantity: 2, price: 10 }, { item: 'ice cream', quantity: 2, price: 6 }],
    });
    const messages = await r.messages(orderId);
    expect(domainTypes(messages)).toEqual([
      'OrderPlaced', 'PriceOrder!', 'OrderPriced', 'TakePayment!', 'OrderPaid', 'CookFood!', 'OrderCooked', 'ProcessFinished',
    ]);
    expect(messages.some((m) => m.type === 'CookingTimedOut' || m.type === 'actors.timer')).toBe(false);
    expect(done.process.timers).toEqual({});
    expectChain(messages, correlationId);
  });

  it('reports cooking while the food is on its way, eat first: 32/8/40 with ice cream', async () => {
    const { orderId } = await r.order(pancakesAndIceCream);
    const cooking = await r.untilStatus(orderId, ['cooking', 'cooked', 'priced', 'paid', 'finished']);
    expect(['cooking', 'cooked', 'priced', 'paid', 'finished']).toContain(cooking.status);
    expect(await r.untilStatus(orderId, ['finished'])).toMatchObject({ subtotal: 32, tax: 8, total: 40 });
  });

  it('passes a document field nobody knows through every actor to the end', async () => {
    const system = r.edge.system;
    const document = { ...placeOrder(pancakesAndIceCream, crypto.randomUUID(), system.clock.now(), scaled(system.clock, orderLifetime)), napkins: { count: 3, colour: 'red' } };
    const placed = createEvent('OrderPlaced', document, { source: 'restaurant.waiter' });
    const stream = await r.edge.stream('restaurant', `?correlationId=${placed.metadata.correlationId}`);
    await testInternals(system).bus.publish('restaurant', placed);
    const finished = await stream.waitForMessage((m) => m.type === 'ProcessFinished', 'ProcessFinished', 20_000);
    expect(finished.data).toMatchObject({ napkins: { count: 3, colour: 'red' }, total: 40, paid: true, ingredients: 'flour, milk, egg, ice cream, chocolate' });
    for (const type of ['OrderCooked', 'OrderPriced', 'OrderPaid']) {
      expect(stream.messages.find((m) => m.type === type)?.data, type).toMatchObject({ napkins: { count: 3, colour: 'red' } });
    }
  });

  it('answers a duplicate OrderCooked with one PriceOrder and one DuplicateFoodCooked', async () => {
    const system = r.edge.system;
    const assistant = system.names.mailbox('restaurant', 'assistant-manager');
    await system.operations.pause(assistant); // the order waits in pricing while the duplicate arrives
    try {
      const { orderId, correlationId } = await r.order();
      const stream = await r.edge.stream('restaurant', `?correlationId=${correlationId}`);
      const cooked = await stream.waitForMessage((m) => m.type === 'OrderCooked', 'OrderCooked');
      const made = createEvent('OrderCooked', cooked.data, { source: cooked.metadata.source, correlationId });
      const copy = { ...made, metadata: { ...made.metadata, causationId: cooked.metadata.causationId! } };
      await testInternals(system).bus.publish('restaurant', copy);
      const duplicate = await stream.waitForMessage((m) => m.type === 'DuplicateFoodCooked', 'DuplicateFoodCooked');
      expect(duplicate.metadata.causationId).toBe(copy.id);
      await system.operations.resume(assistant);
      await r.untilStatus(orderId, ['finished']);
      const types = (await r.messages(orderId)).map((m) => m.type);
      expect(types.filter((t) => t === 'PriceOrder')).toHaveLength(1);
      expect(types.filter((t) => t === 'DuplicateFoodCooked')).toHaveLength(1);
      expect(types.filter((t) => t === 'TakePayment')).toHaveLength(1);
    } finally {
      await system.operations.resume(assistant).catch(() => {});
    }
  });

  it('does not cook a CookFood past the order\'s expiry: it is dropped with a record', async () => {
    const system = r.edge.system;
    const expired = new Date(system.clock.now() - 1_000).toISOString();
    const document = { ...placeOrder({ tableNumber: 2, items: [{ item: 'pancake', quantity: 1 }] }, crypto.randomUUID(), system.clock.now() - 20_000, 1_000), expires: expired };
    const command = createCommand('CookFood', document, { source: 'restaurant.kitchen', deadline: expired });
    const stream = await r.edge.stream('restaurant', `?correlationId=${command.metadata.correlationId}`);
    await testInternals(system).bus.send('restaurant', 'cook-tom', command);
    const parked = await eventually(async () => (await system.operations.deadLetters!.list({ type: 'CookFood' })).find((d) => d.messageId === command.id), 10_000, 'the parked CookFood');
    expect(parked.reason).toBe('deadline-expired');
    await sleep(300);
    expect(stream.messages.filter((m) => m.type === 'OrderCooked')).toEqual([]);
  });

  it('drops a CookFood that expires while it waits in a cook\'s mailbox (the broker\'s TTL from the deadline)', async () => {
    const system = r.edge.system;
    const tom = system.names.mailbox('restaurant', 'cook-tom');
    const expires = new Date(system.clock.now() + 300).toISOString();
    const document = { ...placeOrder({ tableNumber: 2, items: [{ item: 'pancake', quantity: 1 }] }, crypto.randomUUID(), system.clock.now(), 300), expires };
    const command = createCommand('CookFood', document, { source: 'restaurant.kitchen', deadline: expires });
    const stream = await r.edge.stream('restaurant', `?correlationId=${command.metadata.correlationId}`);
    await system.operations.pause(tom); // tom is away: the CookFood waits in his mailbox past its deadline
    try {
      await testInternals(system).bus.send('restaurant', 'cook-tom', command);
      const parked = await eventually(async () => (await system.operations.deadLetters!.list({ type: 'CookFood' })).find((d) => d.messageId === command.id), 10_000, 'the expired CookFood parked');
      expect(parked.reason).toBe('expired');
    } finally {
      await system.operations.resume(tom);
    }
    await sleep(300);
    expect(stream.messages.filter((m) => m.type === 'OrderCooked')).toEqual([]);
  });

  it('forgets assignments an hour past their order\'s expiry as it dispatches', async () => {
    const kitchen = readDb<KitchenTables>(r.edge.system, r.landscape.actors.find((a) => a.service === 'kitchen')!);
    const old = { message_id: crypto.randomUUID(), order_id: 'long-gone', cook: 'tom', expires: new Date(Date.now() - 2 * 3_600_000), done_at: null };
    await kitchen.insertInto('assignments').values(old).execute();
    await r.untilStatus((await r.order()).orderId, ['finished']);
    expect(await kitchen.selectFrom('assignments').select('message_id').where('message_id', '=', old.message_id).execute()).toEqual([]);
  });

  it('bounds each cook\'s mailbox at 5 under more-fair dispatch', async () => {
    for (const cook of ['tom', 'dick', 'harry']) {
      const queue = r.edge.system.names.mailbox('restaurant', `cook-${cook}`);
      // The bound is the mailbox's policy; the management API shows it once its statistics list the queue.
      const settings = await eventually(async () => {
        const response = await managementFetch(`/api/queues/%2F/${encodeURIComponent(queue)}`);
        return ((await response.json()) as { effective_policy_definition?: Record<string, unknown> }).effective_policy_definition;
      }, 20_000, `the policy of ${queue}`);
      expect(settings, cook).toMatchObject({ 'max-length': 5, overflow: 'drop-head' });
    }
  });

  it('streams one order\'s events when filtered by its correlation id or order id', async () => {
    const other = await r.order();
    const { orderId, correlationId } = await r.order();
    const byCorrelation = await r.edge.stream('restaurant', `?correlationId=${correlationId}`);
    const byOrder = await r.edge.stream('restaurant', `?orderId=${orderId}`);
    await r.untilStatus(orderId, ['finished']);
    await byOrder.waitForMessage((m) => m.type === 'ProcessFinished');
    await byCorrelation.waitForMessage((m) => m.type === 'ProcessFinished');
    expect(byCorrelation.messages.every((m) => m.metadata.correlationId === correlationId)).toBe(true);
    expect(byOrder.messages.every((m) => m.data.orderId === orderId)).toBe(true);
    expect(byOrder.messages.some((m) => m.data.orderId === other.orderId)).toBe(false);
  });
});

describe('the restaurant\'s REST edge', () => {
  it('refuses bad orders with a 400 listing what is wrong, and stores nothing', async () => {
    for (const body of [
      { tableNumber: 20, items: [{ item: 'pancake', quantity: 1 }] },
      { tableNumber: 0, items: [{ item: 'pancake', quantity: 1 }] },
      { tableNumber: 3, items: [{ item: 'steak', quantity: 1 }] },
      { tableNumber: 3, items: [{ item: 'pancake', quantity: 0 }] },
      { tableNumber: 3, items: [] },
      { tableNumber: 3, items: [{ item: 'pancake', quantity: 1 }], tip: 5 },
      { tableNumber: 3, items: [{ item: 'pancake', quantity: 1, price: 1 }] },
    ]) {
      const { status, body: problem } = await r.edge.call('POST', '/api/restaurant/orders', { body });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(problem.errors.length).toBeGreaterThan(0);
    }
    expect((await r.edge.call('POST', '/api/restaurant/orders', { body: '{not json' })).status).toBe(400);
  });

  it('places a random order as the waiter would: a table 1..19, 2 pancakes, maybe ice cream', async () => {
    const { orderId } = await r.edge.expect(202, 'POST', '/api/restaurant/orders/random');
    const order = await r.get(orderId);
    expect(order.tableNumber).toBeGreaterThanOrEqual(1);
    expect(order.tableNumber).toBeLessThanOrEqual(19);
    expect(order.items[0]).toMatchObject({ item: 'pancake', quantity: 2 });
    expect(typeof order.dodgy).toBe('boolean');
  });

  it('answers 404 for an unknown order or cook', async () => {
    expect((await r.edge.call('GET', '/api/restaurant/orders/nope')).status).toBe(404);
    expect((await r.edge.call('GET', '/api/restaurant/orders/nope/messages')).status).toBe(404);
    expect((await r.edge.call('PUT', '/api/restaurant/cooks/gordon', { as: 'admin', body: { paused: true } })).status).toBe(404);
  });

  it('lists the cooks; only admin may pause one', async () => {
    expect((await r.cooks()).map((c) => c.name)).toEqual(['tom', 'dick', 'harry']);
    expect((await r.edge.call('PUT', '/api/restaurant/cooks/tom', { body: { paused: true } })).status).toBe(401);
    expect((await r.edge.call('PUT', '/api/restaurant/cooks/tom', { as: 'admin', body: { paused: 'yes' } })).status).toBe(400);
    expect(await r.pause('tom', true)).toMatchObject({ name: 'tom', paused: true });
    expect(await r.pause('tom', false)).toMatchObject({ name: 'tom', paused: false });
  });
});

describe('when no cook takes the order', () => {
  it('gives up after 3 CookFoods, ten seconds apart, and never prices it', async () => {
    for (const cook of ['tom', 'dick', 'harry']) await r.pause(cook, true);
    try {
      const { orderId } = await r.order();
      const gaveUp = await r.untilStatus(orderId, ['gave-up']);
      expect(gaveUp.process).toMatchObject({ state: 'gaveUp', status: 'done', context: { tries: 3 } });
      // Each alarm is caused by the step that set it; each CookFood after the first by the alarm that found no food.
      const messages = await r.messages(orderId);
      expect(messages.map((m) => m.type)).toEqual([
        'OrderPlaced', 'CookFood', 'CookingTimedOut', 'CookFood', 'CookingTimedOut', 'CookFood', 'CookingTimedOut', 'GaveUpOnRetryingCooking',
      ]);
      const [placed, cook1, alarm1, cook2, alarm2, cook3, alarm3, gaveUpOn] = messages;
      expect([cook1, alarm1, cook2, alarm2, cook3, alarm3, gaveUpOn].map((m) => m!.causationId))
        .toEqual([placed, placed, alarm1, alarm1, alarm2, alarm2, alarm3].map((m) => m!.id));
      expect(messages.filter((m) => m.source === 'restaurant.process-manager').map((m) => m.type)).toEqual(messages.slice(1).map((m) => m.type));
    } finally {
      for (const cook of ['tom', 'dick', 'harry']) await r.pause(cook, false);
    }
  });
});
