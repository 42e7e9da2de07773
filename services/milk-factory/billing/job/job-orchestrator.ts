import type { InstanceView } from '../../../../actors/mod.ts';
import { milkFactory, type MilkFactoryContext } from '../../landscape.ts';
import { billingGroupChangedSchema, startBillingJobSchema, type StartBillingJob } from '../billing-messages.ts';
import { billingSchema, jobService } from '../billing-names.ts';
import type { BillingTables } from '../billing-tables.ts';
import { jobMachine, type JobContext, type JobInput } from './job-machine.ts';

/** The job's row: state and counters, in the step's transaction (the row itself is the starter's). */
export async function projectJob(instance: InstanceView, context: MilkFactoryContext<BillingTables>): Promise<void> {
  if (instance.state === 'idle') return;
  const job = instance.context as JobContext;
  const { groups, completedGroups, failedGroups, bills } = job.counters;
  await context.db.updateTable('jobs').set({
    state: instance.state === 'COMPLETED' ? 'COMPLETED' : 'RUNNING', groups, completed_groups: completedGroups, failed_groups: failedGroups, bills,
    completed_at: job.completedAt === null ? null : new Date(job.completedAt),
  }).where('job_id', '=', job.jobId).execute();
}

/**
 * The `billing-job` orchestrator: one instance per job (its id). Its steps are few and
 * small (counts per group), taken in mailbox order, several per transaction.
 */
export const jobOrchestrator = milkFactory.defineOrchestrator<BillingTables>({
  service: jobService,
  schema: billingSchema,
  machines: [jobMachine],
  commands: ['StartBillingJob'],
  events: ['BillingGroupChanged'],
  starts: ['StartBillingJob'],
  schemas: { StartBillingJob: startBillingJobSchema, BillingGroupChanged: billingGroupChangedSchema },
  key: (message) => message.data.jobId as string,
  input: (message): JobInput => ({ start: message.data as StartBillingJob, sessionId: message.metadata.sessionId ?? null, startedAt: message.metadata.occurredAt }),
  project: projectJob,
  batch: 50,
});
