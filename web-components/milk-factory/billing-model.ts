import type { JobCounters } from '../../services/milk-factory/billing/job/job-progress.ts';

// The billing board's model: jobs as `GET /billing/jobs/<id>` answers them, kept current by
// the board events (`BillingJobChanged`, `BillingGroupChanged`). Pure, so it is unit-tested.

export type GroupState = 'READ_PRICE' | 'BILL' | 'COMMS' | 'COMPLETED' | 'FAILED' | 'SPLIT';

export interface BoardGroup {
  groupId: string;
  state: GroupState;
  step: 'READ_PRICE' | 'BILL' | 'COMMS';
  contracts: number;
  bills: number;
  seq: number;
  productId?: string;
  firstDay?: string;
  failedReason?: string;
  splitFrom?: string;
  contractId?: string;
}

/** `counters` of a job, as billing counts them. */
export type { JobCounters };

export interface BoardJob {
  jobId: string;
  state: 'RUNNING' | 'COMPLETED';
  date: string;
  started: string;
  completed?: string;
  counters: JobCounters;
  groups: BoardGroup[];
}

/** A `BillingGroupChanged` applied: the newer of it and what the job holds (by `seq`); a new (split) group joins after its parent. */
export function withGroupChange(job: BoardJob, change: BoardGroup & { jobId: string }): BoardJob {
  const { jobId: _jobId, ...group } = change;
  const at = job.groups.findIndex((g) => g.groupId === group.groupId);
  if (at >= 0) {
    const held = job.groups[at]!;
    if (held.seq >= group.seq) return job;
    const groups = [...job.groups];
    groups[at] = { ...held, ...group };
    return { ...job, groups };
  }
  const parent = group.splitFrom === undefined ? -1 : job.groups.findIndex((g) => g.groupId === group.splitFrom);
  const siblingsEnd = parent < 0 ? job.groups.length : lastIndex(job.groups, (g, i) => i === parent || g.splitFrom === group.splitFrom) + 1;
  const groups = [...job.groups];
  groups.splice(siblingsEnd, 0, group);
  return { ...job, groups };
}

/** A `BillingJobChanged` applied. */
export function withJobChange(job: BoardJob, change: { state: BoardJob['state']; counters: JobCounters }): BoardJob {
  return { ...job, state: change.state, counters: change.counters };
}

/** Order of the progress bar's segments, done first. */
export const progressStates = ['COMPLETED', 'COMMS', 'BILL', 'READ_PRICE', 'FAILED'] as const;

/** The progress bar: the share of the job's contracts in each state (split groups count through their children). */
export function progress(job: BoardJob): Array<{ state: (typeof progressStates)[number]; contracts: number; percent: number }> {
  const total = job.counters.contracts;
  return progressStates.map((state) => {
    const contracts = job.groups.filter((g) => g.state === state).reduce((sum, g) => sum + g.contracts, 0);
    return { state, contracts, percent: total === 0 ? 0 : (contracts / total) * 100 };
  });
}

/** Percent of the job's contracts whose group is COMPLETED (100 for a job with nothing to bill). */
export function completedPercent(job: BoardJob): number {
  if (job.state === 'COMPLETED') return 100;
  const done = progress(job)[0]!;
  return Math.floor(done.percent);
}

function lastIndex<T>(items: readonly T[], test: (item: T, index: number) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!, i)) return i;
  return -1;
}
