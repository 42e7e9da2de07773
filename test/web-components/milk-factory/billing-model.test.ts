import { describe, expect, it } from 'vitest';
import { completedPercent, progress, withGroupChange, withJobChange, type BoardJob } from '../../../web-components/milk-factory/billing-model.ts';

const counters = { contracts: 4, groups: 2, completedGroups: 0, failedGroups: 0, bills: 0 };
const job: BoardJob = {
  jobId: 'j', state: 'RUNNING', date: '2023-01-03', started: '2023-01-01T00:00:00.000Z', counters,
  groups: [
    { groupId: 'g1', state: 'BILL', step: 'BILL', contracts: 3, bills: 0, seq: 2 },
    { groupId: 'g2', state: 'READ_PRICE', step: 'READ_PRICE', contracts: 1, bills: 0, seq: 1 },
  ],
};

describe('the billing board\'s model', () => {
  it('applies a newer group change and ignores an older one', () => {
    const later = withGroupChange(job, { jobId: 'j', groupId: 'g2', state: 'COMPLETED', step: 'COMMS', contracts: 1, bills: 3, seq: 4 });
    expect(later.groups[1]).toMatchObject({ state: 'COMPLETED', bills: 3, seq: 4 });
    expect(withGroupChange(later, { jobId: 'j', groupId: 'g2', state: 'BILL', step: 'BILL', contracts: 1, bills: 0, seq: 2 })).toBe(later);
  });

  it('puts a split group\'s children right after it and its earlier children', () => {
    const split = withGroupChange(job, { jobId: 'j', groupId: 'g1', state: 'SPLIT', step: 'BILL', contracts: 3, bills: 0, seq: 3 });
    const child = (n: number) => ({ jobId: 'j', groupId: `g1.${n}`, state: 'FAILED' as const, step: 'BILL' as const, contracts: 1, bills: 0, seq: 2, splitFrom: 'g1', failedReason: 'no' });
    const withChildren = withGroupChange(withGroupChange(split, child(1)), child(2));
    expect(withChildren.groups.map((g) => g.groupId)).toEqual(['g1', 'g1.1', 'g1.2', 'g2']);
  });

  it('draws progress by group state over the job\'s contracts, split groups through their children', () => {
    let now = withGroupChange(job, { jobId: 'j', groupId: 'g1', state: 'SPLIT', step: 'BILL', contracts: 3, bills: 0, seq: 3 });
    now = withGroupChange(now, { jobId: 'j', groupId: 'g1.1', state: 'COMPLETED', step: 'COMMS', contracts: 1, bills: 2, seq: 4, splitFrom: 'g1' });
    now = withGroupChange(now, { jobId: 'j', groupId: 'g1.2', state: 'FAILED', step: 'BILL', contracts: 1, bills: 0, seq: 2, splitFrom: 'g1' });
    expect(Object.fromEntries(progress(now).map((s) => [s.state, s.percent]))).toEqual({ COMPLETED: 25, COMMS: 0, BILL: 0, READ_PRICE: 25, FAILED: 25 });
    expect(completedPercent(now)).toBe(25);
    const done = withJobChange(now, { state: 'COMPLETED', counters: { ...counters, completedGroups: 4 } });
    expect(completedPercent(done)).toBe(100);
  });
});
