import { percentOfRate } from '../orders/vat-rate.ts';

/** The strategy's name as stored with each voucher: one voucher per (order, strategy). */
export const largeDeliveredFiveEuro = 'Order.Large-Delivered-Five-Euro';

/** Gross at or above which a delivered order earns the voucher: 100.00 €, in cents. */
export const thresholdCents = 10_000;
/** The voucher's worth in whole euros (type ABSOLUTE). */
export const voucherValue = 5;

/** What the rule reads of an order: the order as its event carried it. */
export interface OrderFacts {
  id: string;
  netTotal: number;
  vatRate: number;
  deliverySent: boolean;
}

export interface VoucherGrant {
  type: 'ABSOLUTE';
  value: number;
  relatedOrderId: string;
  strategy: string;
}

/** gross = netTotal × (1 + vatRate) in integer cents: whole euros × (100 + percent) is exact. */
export function grossCents(netTotal: number, vatRate: number): number {
  const percent = percentOfRate(vatRate);
  if (!Number.isSafeInteger(netTotal) || percent === undefined) throw new RangeError(`no exact gross for net ${netTotal} at rate ${vatRate}`);
  return netTotal * (100 + percent);
}

/**
 * Rule `Order.Large-Delivered-Five-Euro` (spec, Vouchers): a delivered order whose gross is
 * at least 100.00 earns one 5 € voucher; anything else earns none. Pure: whether the
 * voucher already exists is the store's unique (order, strategy) key, not this function's.
 */
export function largeDeliveredFiveEuroVoucher(order: OrderFacts): VoucherGrant | undefined {
  if (!order.deliverySent) return undefined;
  if (grossCents(order.netTotal, order.vatRate) < thresholdCents) return undefined;
  return { type: 'ABSOLUTE', value: voucherValue, relatedOrderId: order.id, strategy: largeDeliveredFiveEuro };
}
