import { describe, expect, it } from 'vitest';
import { applyEvent, byStage, causationGraph, recordQueues, sparkline, upsertOrder, type MessageView, type OrderView } from '../../../../web-components/restaurant/views.ts';

const order = (orderId: string, status: string, placedAt = '2026-01-01T00:00:00Z'): OrderView => ({
  orderId, correlationId: `c-${orderId}`, tableNumber: 1, items: [], subtotal: 0, tax: 0, total: 0, cookTime: 0, ingredients: '',
  paid: false, dodgy: false, status, placedAt, process: null,
});

const message = (id: string, type: string, causationId: string | null): MessageView =>
  ({ id, type, kind: 'event', correlationId: 'c', causationId, at: '2026-01-01T00:00:00Z' });

describe('the live board', () => {
  it('puts each order in the column of its stage, newest first', () => {
    const columns = byStage([order('a', 'cooking', '2026-01-01T00:00:01Z'), order('b', 'cooking', '2026-01-01T00:00:02Z'), order('c', 'finished')]);
    expect(columns.cooking!.map((o) => o.orderId)).toEqual(['b', 'a']);
    expect(columns.finished!.map((o) => o.orderId)).toEqual(['c']);
    expect(columns['gave-up']).toEqual([]);
  });

  it('never moves a card back when an answer was read before the latest event was', () => {
    const board = applyEvent([order('a', 'cooking')], 'ProcessFinished', { orderId: 'a', total: 25 });
    expect(board[0]).toMatchObject({ status: 'finished', total: 25 });
    expect(upsertOrder(board, order('a', 'paid'))[0]!.status).toBe('finished');
    expect(upsertOrder([order('a', 'placed')], order('a', 'cooked'))[0]!.status).toBe('cooked');
    const answered = { ...order('a', 'paid'), process: { machine: 'order-process@1', state: 'finished', status: 'active' } };
    expect(upsertOrder(board, answered)[0]!.process?.state).toBe('finished');
  });

  it('lays the messages out by causation, a retry as a branch under its alarm', () => {
    const graph = causationGraph([
      message('1', 'OrderPlaced', null), message('2', 'CookFood', '1'), message('3', 'CookingTimedOut', '1'),
      message('4', 'CookFood', '3'), message('5', 'OrderCooked', '4'),
    ]);
    expect(graph.map((n) => `${n.depth}:${n.type}`)).toEqual(['0:OrderPlaced', '1:CookFood', '1:CookingTimedOut', '2:CookFood', '3:OrderCooked']);
  });

  it('keeps each cook\'s queue lengths over time and draws them to scale', () => {
    let history = recordQueues({}, [{ name: 'tom', queueLength: 5, cooked: 0, paused: false }]);
    history = recordQueues(history, [{ name: 'tom', queueLength: 0, cooked: 1, paused: false }], 1);
    expect(history).toEqual({ tom: [0] });
    expect(sparkline([0, 5], 100, 20, 5)).toBe('0.0,20.0 100.0,0.0');
  });
});
