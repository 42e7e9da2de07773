import { vouchers, type VouchersContext } from '../landscape.ts';
import { ulid } from '../ulid.ts';
import { largeDeliveredFiveEuroVoucher } from './large-delivered-five-euro.ts';
import type { OrderEventData } from './order-event-schema.ts';
import { storeVoucherOnce, type VouchersTables } from './voucher-store.ts';

const second = 1_000;
const day = 86_400_000;

/**
 * Voucher processing is tried 3 times on a technical error (spec): the first try and
 * these two retries (business ms, scaled), then the message is parked.
 */
export const voucherRetrySchedule: readonly number[] = [1 * second, 2 * second];

/** A message not consumed within 2 days (scaled) goes to the dead letters, not lost (spec). */
export const vouchersMailboxTtl = 2 * day;

/**
 * Applies the rule to the order the event carries (never the orders database) and keeps
 * the voucher at most once; a new one is announced as `VoucherCreated` for the live views.
 */
async function issueVoucher(message: { data: OrderEventData }, context: VouchersContext<VouchersTables>): Promise<void> {
  const grant = largeDeliveredFiveEuroVoucher(message.data.order);
  if (!grant) return;
  const voucher = await storeVoucherOnce(context.db, ulid(context.clock.now()), grant);
  if (voucher) context.publish('VoucherCreated', { voucher });
}

export const vouchersActor = vouchers.defineActor<VouchersTables>({
  service: 'vouchers',
  // Bare handlers: the catalogue's schema (`order-event-schema.ts`) checks the order first.
  events: {
    OrderCreated: issueVoucher,
    OrderUpdated: issueVoucher,
  },
  retry: voucherRetrySchedule,
  mailbox: { maxLength: 100_000, overflow: 'reject-publish', messageTtl: vouchersMailboxTtl },
});
