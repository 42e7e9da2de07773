import { describe, expect, it } from 'vitest';
import { createEvent } from '../../../../actors/mod.ts';
import { vouchersStreamFilters } from '../../../../services/vouchers/stream-filters.ts';

const byOrder = vouchersStreamFilters.orderId!;

describe('the vouchers stream filter orderId', () => {
  it('lets through the order\'s events and its vouchers\' only', () => {
    const updated = createEvent('OrderUpdated', { order: { id: 'A' } }, { source: 'vouchers.orders' });
    const voucher = createEvent('VoucherCreated', { voucher: { relatedOrderId: 'A' } }, { source: 'vouchers.vouchers' });
    const other = createEvent('OrderUpdated', { order: { id: 'B' } }, { source: 'vouchers.orders' });
    const unrelated = createEvent('Error', { message: 'x' }, { source: 'vouchers.vouchers' });
    expect([updated, voucher, other, unrelated].map((event) => byOrder(event, 'A'))).toEqual([true, true, false, false]);
  });
});
