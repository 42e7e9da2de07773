import type { StreamFilter } from '../../gateway/landscape.ts';

/**
 * `GET /api/vouchers/stream?orderId=`: an order's events and its vouchers' (the spec
 * names no filters of its own; a view of one order needs this one).
 */
export const vouchersStreamFilters: Record<string, StreamFilter> = {
  orderId: (event, value) => {
    const data = event.data as { order?: { id?: unknown }; voucher?: { relatedOrderId?: unknown } };
    return data.order?.id === value || data.voucher?.relatedOrderId === value;
  },
};
