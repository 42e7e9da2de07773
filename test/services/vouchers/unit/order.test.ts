import { describe, expect, it } from 'vitest';
import { deliver, newOrder, orderEventData } from '../../../../services/vouchers/orders/order.ts';

const now = Date.parse('2026-11-22T08:00:00Z');

describe('an order', () => {
  it('defaults to a net total of 150, takes its VAT from its date and starts undelivered', () => {
    expect(newOrder({ id: 'o1', orderDate: '2020-08-01', now })).toEqual({
      id: 'o1', netTotal: 150, vatRate: 0.16, deliverySent: false, orderDate: '2020-08-01', updatedAt: '2026-11-22T08:00:00.000Z',
    });
    expect(newOrder({ id: 'o2', netTotal: 85, orderDate: '2026-11-22', now })).toMatchObject({ netTotal: 85, vatRate: 0.19 });
  });

  it('is delivered once: delivering it again changes nothing', () => {
    const order = newOrder({ id: 'o1', orderDate: '2026-11-22', now });
    const delivered = deliver(order, now + 1_000);
    expect(delivered).toMatchObject({ deliverySent: true, updatedAt: '2026-11-22T08:00:01.000Z' });
    expect(deliver(delivered!, now + 2_000)).toBeUndefined();
  });

  it('carries in its events what the voucher side needs, without updatedAt', () => {
    const order = newOrder({ id: 'o1', netTotal: 85, orderDate: '2026-11-22', now });
    expect(orderEventData(order)).toEqual({ order: { id: 'o1', netTotal: 85, vatRate: 0.19, deliverySent: false, orderDate: '2026-11-22' } });
  });
});
