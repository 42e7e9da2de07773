import { newMessageId } from '../../../actors/mod.ts';
import type { MilkFactoryContext } from '../landscape.ts';
import type { StartBillingJob } from './billing-messages.ts';
import { jobService } from './billing-names.ts';
import type { BillingTables } from './billing-tables.ts';
import { groupContracts } from './group-contracts.ts';
import { selectBillable } from './select-billable.ts';

export interface JobRequest {
  /** The job's id; a new one by default. */
  jobId?: string;
  /** Bill up to and including this day. */
  date: string;
  maxGroupSize: number;
  /** The session `BillingJobCompleted` goes to. */
  sessionId?: string | undefined;
  /** Only these contracts (the first bill of an approved contract). */
  only?: readonly string[];
}

export interface StartedJob {
  jobId: string;
  contracts: number;
  groups: number;
  /** The `StartBillingJob` command's id. */
  commandId: string;
}

/**
 * Starts a billing job in the caller's transaction (a REST run, or an approval): selects
 * the contracts, groups them, writes the job's and groups' rows (so the job can be read at
 * once) and sends `StartBillingJob` to the job orchestrator, which starts the groups. Every
 * message of the job carries its id as correlation id. A job with nothing to bill is
 * COMPLETED from the start.
 */
export async function startJob(context: MilkFactoryContext<BillingTables>, request: JobRequest): Promise<StartedJob> {
  const db = context.db;
  const selected = await selectBillable(db, request.date, request.only);
  const groups = groupContracts(selected, request.maxGroupSize).map((group) => ({ groupId: newMessageId(), ...group }));
  const jobId = request.jobId ?? newMessageId();
  const now = new Date(context.clock.now());
  await db.insertInto('jobs').values({
    job_id: jobId, date: request.date, max_group_size: request.maxGroupSize, state: groups.length === 0 ? 'COMPLETED' : 'RUNNING',
    session_id: request.sessionId ?? null, started_at: now, completed_at: groups.length === 0 ? now : null,
    contracts: selected.length, groups: groups.length, completed_groups: 0, failed_groups: 0, bills: 0,
  }).execute();
  if (groups.length > 0) {
    await db.insertInto('groups').values(groups.map((group) => ({
      group_id: group.groupId, job_id: jobId, state: 'READ_PRICE' as const, step: 'READ_PRICE' as const, product_id: group.productId,
      first_day: group.firstDay, contract_ids: group.contractIds, bills: 0, failed_reason: null, split_from: null, seq: 0, created_at: now, updated_at: now,
    }))).execute();
  }
  const start: StartBillingJob = { jobId, date: request.date, contracts: selected.length, groups };
  const command = context.send(jobService, 'StartBillingJob', { ...start }, { correlationId: jobId });
  return { jobId, contracts: selected.length, groups: groups.length, commandId: command.id };
}
