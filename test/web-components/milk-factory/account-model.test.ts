import { describe, expect, it } from 'vitest';
import { claimable, mergeRequisition, nextBillDay, quotaText } from '../../../web-components/milk-factory/account-model.ts';
import type { Contract, Requisition } from '../../../web-components/milk-factory/model.ts';

const subscription = { state: 'RUNNING', start: '2026-06-01', end: '2027-05-26', autoExtend: false };

describe('My Account\'s rules', () => {
  it('the next bill is the day after the last billed one, while it is within the contract (or the subscription extends itself)', () => {
    expect(nextBillDay(subscription, [])).toBe('2026-06-01');
    expect(nextBillDay(subscription, [{ to: '2027-05-26' }])).toBeUndefined();
    expect(nextBillDay({ ...subscription, autoExtend: true }, [{ to: '2027-05-26' }])).toBe('2027-05-27');
    expect(nextBillDay({ ...subscription, end: '2026-06-30' }, [{ to: '2026-06-02' }, { to: '2026-06-01' }])).toBe('2026-06-03');
    expect(nextBillDay({ ...subscription, state: 'EXPIRED' }, [])).toBeUndefined();
  });

  it('shows the quota claimed of total, and offers only RUNNING subscriptions to claim from', () => {
    expect(quotaText({ quota: { total: 20, claimed: 3 } })).toBe('3 of 20');
    expect(quotaText({})).toBeUndefined();
    const contracts = [
      { id: 'a', type: 'SUBSCRIPTION', state: 'RUNNING' }, { id: 'b', type: 'SUBSCRIPTION', state: 'EXPIRED' }, { id: 'c', type: 'ONE_OFF', state: 'RUNNING' },
    ] as Contract[];
    expect(claimable(contracts).map((c) => c.id)).toEqual(['a']);
  });

  it('merges RequisitionChanged by id; a late PENDING never undoes a final state', () => {
    const pending: Requisition = { requisitionId: 'r', contractId: 'k', quantity: 3, deliverBy: '2027-01-01', state: 'PENDING' };
    const confirmed = mergeRequisition([pending], { ...pending, state: 'CONFIRMED', deliveryId: 'd' });
    expect(confirmed).toEqual([{ ...pending, state: 'CONFIRMED', deliveryId: 'd' }]);
    expect(mergeRequisition(confirmed, pending)).toEqual(confirmed);
    expect(mergeRequisition([], pending)).toEqual([pending]);
  });
});
