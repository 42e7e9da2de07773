import { describe, expect, it } from 'vitest';
import { periodsToBill } from '../../../../services/milk-factory/billing/billing-periods.ts';
import { groupContracts } from '../../../../services/milk-factory/billing/group-contracts.ts';
import { applyGroupChange, isJobComplete, jobCounters, plannedProgress } from '../../../../services/milk-factory/billing/job/job-progress.ts';
import { addDays, daysBetween, isCalendarDay } from '../../../../services/milk-factory/shared/calendar-day.ts';

const contract = (billedTo: string | null, endDay = '2024-12-31') => ({ contractId: 'c', startDay: '2023-01-01', endDay, billedTo });
const fromDays = (periods: Array<{ from: string; to: string }>) => periods.map((p) => (p.from === p.to ? p.from : `${p.from}..${p.to}`));

describe('calendar days', () => {
  it('are real days only, computed in UTC', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    for (const day of ['2023-02-29', '2023-02-30', '2023-13-01', '2023-1-01', ' 2023-01-01', '2023-01-01T00:00']) expect(isCalendarDay(day), day).toBe(false);
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2023-03-25', '2023-03-27')).toBe(2); // across a daylight-saving change, still whole days
  });
});

describe('what a run bills of a contract (spec: day by day from the day after billed-to, or the start, up to min(date, end))', () => {
  it('bills from the start when nothing is billed yet, one bill per day', () => {
    expect(fromDays(periodsToBill(contract(null), '2023-01-03'))).toEqual(['2023-01-01', '2023-01-02', '2023-01-03']);
  });
  it('bills from the day after the billed-to day: no gap, no day twice', () => {
    expect(fromDays(periodsToBill(contract('2023-01-03'), '2023-01-05'))).toEqual(['2023-01-04', '2023-01-05']);
  });
  it('bills nothing when billed up to the date, or a date before the start', () => {
    expect(periodsToBill(contract('2023-01-05'), '2023-01-05')).toEqual([]);
    expect(periodsToBill(contract('2023-01-05'), '2023-01-02')).toEqual([]);
    expect(periodsToBill(contract(null), '2022-12-31')).toEqual([]);
  });
  it('never bills past the end (a TERMINATED contract up to its end)', () => {
    expect(fromDays(periodsToBill(contract('2023-01-08', '2023-01-10'), '2023-02-01'))).toEqual(['2023-01-09', '2023-01-10']);
    expect(periodsToBill(contract('2023-01-10', '2023-01-10'), '2023-02-01')).toEqual([]);
  });
});

describe('grouping a run (spec: same product and same first day, at most maxGroupSize)', () => {
  it('splits by product, then first day, then size, in a stable order', () => {
    const selected = [
      ...['c5', 'c1', 'c3', 'c2', 'c4'].map((id) => ({ contractId: id, productId: 'COOKIES_MILKSHAKE', firstDay: '2023-04-01' })),
      { contractId: 'c6', productId: 'COOKIES_MILKSHAKE', firstDay: '2023-04-03' },
      { contractId: 'l1', productId: 'COFFEE_LATTE_SKINNY', firstDay: '2023-04-01' },
    ];
    expect(groupContracts(selected, 2)).toEqual([
      { productId: 'COFFEE_LATTE_SKINNY', firstDay: '2023-04-01', contractIds: ['l1'] },
      { productId: 'COOKIES_MILKSHAKE', firstDay: '2023-04-01', contractIds: ['c1', 'c2'] },
      { productId: 'COOKIES_MILKSHAKE', firstDay: '2023-04-01', contractIds: ['c3', 'c4'] },
      { productId: 'COOKIES_MILKSHAKE', firstDay: '2023-04-01', contractIds: ['c5'] },
      { productId: 'COOKIES_MILKSHAKE', firstDay: '2023-04-03', contractIds: ['c6'] },
    ]);
    expect(groupContracts([], 100)).toEqual([]);
  });
});

describe('a job\'s progress (spec: COMPLETED when every group that was not split is COMPLETED)', () => {
  const change = (groupId: string, state: any, seq: number, extra: object = {}) =>
    ({ jobId: 'j', groupId, state, step: 'READ_PRICE' as const, contracts: 1, bills: 0, seq, ...extra });

  it('counts groups by state and bills of the groups not split; ignores a late change', () => {
    let groups = plannedProgress([{ groupId: 'g1', contractIds: ['a', 'b'] }, { groupId: 'g2', contractIds: ['c'] }]);
    groups = applyGroupChange(groups, change('g1', 'COMPLETED', 4, { contracts: 2, bills: 6, step: 'COMMS' }));
    groups = applyGroupChange(groups, change('g2', 'FAILED', 3));
    expect(applyGroupChange(groups, change('g2', 'READ_PRICE', 1))).toBe(groups);
    expect(jobCounters(3, groups)).toEqual({ contracts: 3, groups: 2, completedGroups: 1, failedGroups: 1, bills: 6 });
    expect(isJobComplete(3, groups)).toBe(false);
    groups = applyGroupChange(groups, change('g2', 'COMPLETED', 6, { bills: 3, step: 'COMMS' }));
    expect(isJobComplete(3, groups)).toBe(true);
  });

  it('replaces a split group by its children, and is not complete before it heard of all of them', () => {
    let groups = plannedProgress([{ groupId: 'g', contractIds: ['a', 'b'] }]);
    // A child may report before the job heard of the split:
    groups = applyGroupChange(groups, change('g.1', 'COMPLETED', 3, { splitFrom: 'g', bills: 2 }));
    expect(isJobComplete(2, groups)).toBe(false);
    groups = applyGroupChange(groups, change('g', 'SPLIT', 2, { contracts: 2, splitInto: ['g.1', 'g.2'] }));
    expect(groups['g.1']!.state).toBe('COMPLETED');
    expect(jobCounters(2, groups)).toEqual({ contracts: 2, groups: 2, completedGroups: 1, failedGroups: 0, bills: 2 });
    expect(isJobComplete(2, groups)).toBe(false);
    groups = applyGroupChange(groups, change('g.2', 'COMPLETED', 3, { splitFrom: 'g', bills: 2 }));
    expect(isJobComplete(2, groups)).toBe(true);
    expect(jobCounters(2, groups).bills).toBe(4);
  });

  it('is complete at once with nothing to bill', () => {
    expect(isJobComplete(0, {})).toBe(true);
  });
});
