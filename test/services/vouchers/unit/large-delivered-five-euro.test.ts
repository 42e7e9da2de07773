import { describe, expect, it } from 'vitest';
import { grossCents, largeDeliveredFiveEuroVoucher } from '../../../../services/vouchers/vouchers/large-delivered-five-euro.ts';

const delivered = (netTotal: number, vatRate: number) => ({ id: 'order-1', netTotal, vatRate, deliverySent: true });

describe('rule Order.Large-Delivered-Five-Euro', () => {
  it('computes the gross in integer cents: net 84 at 19 % is 99.96, net 85 is 101.15', () => {
    expect(grossCents(84, 0.19)).toBe(9_996);
    expect(grossCents(85, 0.19)).toBe(10_115);
    expect(grossCents(86, 0.16)).toBe(9_976);
    expect(grossCents(87, 0.16)).toBe(10_092);
  });

  it('gives no voucher for a delivered order of net 84 at 19 % and one for net 85', () => {
    expect(largeDeliveredFiveEuroVoucher(delivered(84, 0.19))).toBeUndefined();
    expect(largeDeliveredFiveEuroVoucher(delivered(85, 0.19))).toEqual({
      type: 'ABSOLUTE', value: 5, relatedOrderId: 'order-1', strategy: 'Order.Large-Delivered-Five-Euro',
    });
  });

  it('gives no voucher for net 86 at 16 % and one for net 87', () => {
    expect(largeDeliveredFiveEuroVoucher(delivered(86, 0.16))).toBeUndefined();
    expect(largeDeliveredFiveEuroVoucher(delivered(87, 0.16))).toMatchObject({ value: 5, relatedOrderId: 'order-1' });
  });

  it('gives a voucher at exactly 100.00 gross', () => {
    expect(grossCents(100, 0)).toBe(10_000);
    expect(largeDeliveredFiveEuroVoucher(delivered(100, 0))).toBeDefined();
  });

  it('gives no voucher while the delivery is not sent, however large the order', () => {
    expect(largeDeliveredFiveEuroVoucher({ ...delivered(10_000, 0.19), deliverySent: false })).toBeUndefined();
  });

  it('refuses a rate that is not a whole percent rather than rounding it', () => {
    expect(() => grossCents(85, 0.195)).toThrow(RangeError);
  });
});
