import type { BillingGroupChanged, PlannedGroup } from '../billing-messages.ts';
import type { GroupState } from '../billing-names.ts';

/** What the job knows of one group: enough to count, nothing of its contracts. */
export interface GroupProgress {
  state: GroupState;
  contracts: number;
  bills: number;
  /** The group's last change applied; an older one arriving late is ignored. */
  seq: number;
}

export type GroupsProgress = Record<string, GroupProgress>;

/** `BillingJobChanged.counters`; `groups` counts the groups the job waits for (split ones are replaced by their children). */
export interface JobCounters {
  contracts: number;
  groups: number;
  completedGroups: number;
  failedGroups: number;
  bills: number;
}

export function plannedProgress(groups: readonly Pick<PlannedGroup, 'groupId' | 'contractIds'>[]): GroupsProgress {
  return Object.fromEntries(groups.map((g) => [g.groupId, { state: 'READ_PRICE' as const, contracts: g.contractIds.length, bills: 0, seq: 0 }]));
}

/**
 * A group's change applied to the job's view: newer than what it holds (by `seq`), and a
 * split group's children added as soon as the split is known (they may report later, or
 * even earlier: then they are kept as they reported).
 */
export function applyGroupChange(groups: GroupsProgress, change: BillingGroupChanged): GroupsProgress {
  const held = groups[change.groupId];
  if (held && held.seq >= change.seq) return groups;
  const next: GroupsProgress = { ...groups, [change.groupId]: { state: change.state, contracts: change.contracts, bills: change.bills, seq: change.seq } };
  for (const child of change.splitInto ?? []) next[child] ??= { state: change.step, contracts: 1, bills: 0, seq: 0 };
  return next;
}

export function jobCounters(contracts: number, groups: GroupsProgress): JobCounters {
  const counters: JobCounters = { contracts, groups: 0, completedGroups: 0, failedGroups: 0, bills: 0 };
  for (const group of Object.values(groups)) {
    if (group.state === 'SPLIT') continue;
    counters.groups += 1;
    counters.bills += group.bills;
    if (group.state === 'COMPLETED') counters.completedGroups += 1;
    if (group.state === 'FAILED') counters.failedGroups += 1;
  }
  return counters;
}

/**
 * The job is COMPLETED when every group that was not split is COMPLETED (spec), and those
 * groups hold all its contracts: a split whose children the job has not heard of yet
 * cannot pass for the end.
 */
export function isJobComplete(contracts: number, groups: GroupsProgress): boolean {
  let held = 0;
  for (const group of Object.values(groups)) {
    if (group.state === 'SPLIT') continue;
    if (group.state !== 'COMPLETED') return false;
    held += group.contracts;
  }
  return held === contracts;
}

export function sameCounters(a: JobCounters, b: JobCounters): boolean {
  return a.groups === b.groups && a.completedGroups === b.completedGroups && a.failedGroups === b.failedGroups && a.bills === b.bills && a.contracts === b.contracts;
}
