import { describe, expect, it } from 'vitest';
import { afterFailedPublish as afterFailed } from '../../../../actors/mod.ts';
import { publishRetrySchedule } from '../../../../services/vouchers/orders/publish-retry-schedule.ts';

/** The runtime's schedule rule (`publishRetry`) applied to the orders service's schedule. */
const afterFailedPublish = (attempts: number, now: number, scale: number) => afterFailed(attempts, now, { scale }, publishRetrySchedule);

const minute = 60_000;

describe('the publish retry schedule of order events', () => {
  it('has 5 retries, the first after 5 min, each ×5, the last ≈ 52 h', () => {
    expect(publishRetrySchedule).toEqual([5, 25, 125, 625, 3125].map((m) => m * minute));
    expect(publishRetrySchedule.at(-1)! / 3_600_000).toBeCloseTo(52.08, 2);
  });

  it('schedules the retry after each of the first 5 failed attempts, scaled by TIME_SCALE', () => {
    expect(afterFailedPublish(1, 1_000, 1)).toEqual({ retryAt: 1_000 + 5 * minute });
    expect(afterFailedPublish(2, 1_000, 0.01)).toEqual({ retryAt: 1_000 + 25 * minute * 0.01 });
    expect(afterFailedPublish(5, 0, 1)).toEqual({ retryAt: 3125 * minute });
  });

  it('parks the event after the 6th failed attempt (the 5th retry)', () => {
    expect(afterFailedPublish(6, 0, 1)).toEqual({ park: true });
  });
});
