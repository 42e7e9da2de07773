import { describe, expect, it } from 'vitest';
import { SimulatedClock, createActor, type EventObject } from 'xstate';
import type { MachineOutput } from '../../../../actors/mod.ts';
import type { OrderDocument } from '../../../../services/restaurant/document/order-document.ts';
import { cookingTimeout, maxCookingTries } from '../../../../services/restaurant/process-manager/order-process-setup.ts';
import { orderProcess } from '../../../../services/restaurant/process-manager/order-process.ts';
import { placeOrder } from '../../../../services/restaurant/waiter/place-order.ts';

// The process managers as pure machines: only the order of messages matters, time is simulated.

function start(dodgy: boolean) {
  const document = placeOrder({ tableNumber: 3, items: [{ item: 'pancake', quantity: 2 }], dodgy }, 'order-1', 0, 15_000);
  const clock = new SimulatedClock();
  const actor = createActor(orderProcess, { input: { document }, clock });
  const outputs: string[] = [];
  const documents: OrderDocument[] = [];
  actor.on('*', (emitted: EventObject) => {
    const output = emitted as MachineOutput;
    outputs.push(output.messageType);
    documents.push(output.data as OrderDocument);
  });
  actor.start();
  const deliver = (type: string, changes: Partial<OrderDocument> = {}) => {
    actor.send({ type, data: { ...document, ...changes }, message: {} } as never);
  };
  deliver('OrderPlaced');
  return { actor, clock, outputs, documents, deliver, state: () => actor.getSnapshot().value };
}

describe('the order process manager', () => {
  it('eats first: OrderPlaced → CookFood, OrderCooked → PriceOrder, OrderPriced → TakePayment, OrderPaid → ProcessFinished', () => {
    const run = start(false);
    expect(run.outputs).toEqual(['CookFood']);
    run.deliver('OrderCooked', { ingredients: 'flour, milk, egg' });
    run.deliver('OrderPriced');
    run.deliver('OrderPaid', { paid: true });
    expect(run.outputs).toEqual(['CookFood', 'PriceOrder', 'TakePayment', 'ProcessFinished']);
    expect(run.state()).toBe('finished');
    expect(run.documents.at(-1)).toMatchObject({ paid: true });
  });

  it('pays first for a dodgy customer: PriceOrder, TakePayment, then CookFood, and no alarm', () => {
    const run = start(true);
    expect(run.outputs).toEqual(['PriceOrder']);
    run.deliver('OrderPriced');
    run.deliver('OrderPaid');
    run.clock.increment(cookingTimeout * 5);
    run.deliver('OrderCooked');
    expect(run.outputs).toEqual(['PriceOrder', 'TakePayment', 'CookFood', 'ProcessFinished']);
    expect(run.state()).toBe('finished');
  });

  it('passes on the document as the last actor left it', () => {
    const run = start(false);
    run.deliver('OrderCooked', { ingredients: 'flour, milk, egg', napkins: 3 });
    expect(run.documents[1]).toMatchObject({ ingredients: 'flour, milk, egg', napkins: 3 });
  });

  it('sends CookFood again when the alarm rings before the food came', () => {
    const run = start(false);
    run.clock.increment(cookingTimeout);
    expect(run.outputs).toEqual(['CookFood', 'CookFood']);
    expect(run.actor.getSnapshot().context.tries).toBe(2);
    run.deliver('OrderCooked');
    expect(run.outputs.at(-1)).toBe('PriceOrder');
  });

  it(`gives up after ${maxCookingTries} CookFoods without food, and never prices`, () => {
    const run = start(false);
    run.clock.increment(cookingTimeout);
    run.clock.increment(cookingTimeout);
    run.clock.increment(cookingTimeout);
    expect(run.outputs).toEqual(['CookFood', 'CookFood', 'CookFood', 'GaveUpOnRetryingCooking']);
    expect(run.state()).toBe('gaveUp');
  });

  it('ignores the alarm once the food is cooked', () => {
    const run = start(false);
    run.deliver('OrderCooked');
    run.actor.send({ type: 'CookingTimedOut', tries: 1 });
    expect(run.outputs).toEqual(['CookFood', 'PriceOrder']);
    expect(run.state()).toEqual({ eatFirst: 'pricing' });
  });

  it('reports food cooked again after the process finished, and does nothing else', () => {
    const run = start(false);
    run.deliver('OrderCooked');
    run.deliver('OrderPriced');
    run.deliver('OrderPaid');
    run.deliver('OrderCooked');
    expect(run.outputs).toEqual(['CookFood', 'PriceOrder', 'TakePayment', 'ProcessFinished', 'DuplicateFoodCooked']);
    expect(run.state()).toBe('finished');
  });

  it('answers a second OrderCooked with DuplicateFoodCooked and nothing else', () => {
    const run = start(false);
    run.deliver('OrderCooked');
    run.deliver('OrderCooked');
    expect(run.outputs).toEqual(['CookFood', 'PriceOrder', 'DuplicateFoodCooked']);
    expect(run.state()).toEqual({ eatFirst: 'pricing' });
  });
});
