import { describe, expect, it } from 'vitest';
import { orderMessages, type FlowRow } from '../../../../services/restaurant/waiter/order-messages.ts';

const pm = 'restaurant.process-manager';
const kitchen = 'restaurant.kitchen';
let clock = 0;
const commands = new Set(['CookFood', 'PriceOrder', 'TakePayment', 'actors.timer']);

/** A flow row: `type@source` emitted (or handled) by `actor`, caused by `cause`. */
function row(id: string, type: string, source: string, cause: string | null, direction: FlowRow['direction'] = 'emitted', actor = source): FlowRow {
  clock += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString();
  return {
    message_id: id, causation_id: cause, correlation_id: 'c', type, kind: commands.has(type) ? 'command' : 'event',
    source, actor, direction, occurred_at: at, recorded_at: at,
  };
}

const view = (rows: FlowRow[]) => orderMessages(rows).map((m) => `${m.id}:${m.type}<-${m.causationId}`);

describe('an order\'s messages as the spec tells them', () => {
  it('lists the process manager\'s CookFood once: the kitchen\'s hop to the cook is folded, the cook\'s answer caused by it', () => {
    expect(view([
      row('1', 'OrderPlaced', 'restaurant.waiter', null),
      row('1', 'OrderPlaced', 'restaurant.waiter', null, 'handled', pm),
      row('2', 'CookFood', pm, '1'),
      row('t', 'actors.timer', pm, '1'),
      row('2', 'CookFood', pm, '1', 'handled', kitchen),
      row('k', 'CookFood', kitchen, '2'),
      row('k', 'CookFood', kitchen, '2', 'handled', 'restaurant.cook-tom'),
      row('3', 'OrderCooked', 'restaurant.cook-tom', 'k'),
      row('3', 'OrderCooked', 'restaurant.cook-tom', 'k', 'handled', pm),
      row('4', 'PriceOrder', pm, '3'),
    ])).toEqual(['1:OrderPlaced<-null', '2:CookFood<-1', '3:OrderCooked<-2', '4:PriceOrder<-3']);
  });

  it('follows the kitchen holding the order (CookFoods to itself) back to the process manager\'s CookFood', () => {
    expect(view([
      row('2', 'CookFood', pm, '1'),
      row('h1', 'CookFood', kitchen, '2'),
      row('h2', 'CookFood', kitchen, 'h1'),
      row('k', 'CookFood', kitchen, 'h2'),
      row('3', 'OrderCooked', 'restaurant.cook-dick', 'k'),
      row('3b', 'OrderCooked', 'restaurant.cook-tom', 'k2'),
      row('k2', 'CookFood', kitchen, 'h2'),
    ])).toEqual(['2:CookFood<-1', '3:OrderCooked<-2', '3b:OrderCooked<-2']);
  });

  it('lists the durable timer as CookingTimedOut where it rang, at the time it rang, and not before', () => {
    const set = row('t', 'actors.timer', pm, '1');
    const rang = { ...row('t', 'actors.timer', pm, '1', 'handled', pm), recorded_at: '2026-01-01T00:01:00.000Z' };
    expect(view([row('1', 'OrderPlaced', 'restaurant.waiter', null), row('2', 'CookFood', pm, '1'), set])).toEqual(['1:OrderPlaced<-null', '2:CookFood<-1']);
    const messages = orderMessages([row('1', 'OrderPlaced', 'restaurant.waiter', null), row('2', 'CookFood', pm, '1'), set, rang, row('5', 'CookFood', pm, 't')]);
    expect(messages.map((m) => `${m.id}:${m.type}<-${m.causationId}`)).toEqual(['1:OrderPlaced<-null', '2:CookFood<-1', 't:CookingTimedOut<-1', '5:CookFood<-t']);
    expect(messages[2]).toMatchObject({ kind: 'command', source: pm, at: '2026-01-01T00:01:00.000Z' });
  });
});
