import type { Envelope, InstanceView } from '../../../../actors/mod.ts';
import { milkFactory, type MilkFactoryContext } from '../../landscape.ts';
import { startBillingGroupSchema, type StartBillingGroup } from '../billing-messages.ts';
import { billingSchema, groupService, type GroupState } from '../billing-names.ts';
import type { BillingTables } from '../billing-tables.ts';
import { tokenOf, type GroupContext } from './group-context.ts';
import { groupMachine } from './group-machine.ts';

/** Start and retry name their group; answers and errors carry it in the step's token. */
export function groupKey(message: Envelope): string | undefined {
  if (message.type === 'StartBillingGroup' || message.type === 'RetryBillingGroup') return message.data.groupId as string;
  return tokenOf(message)?.groupId;
}

/** The group's row (`GET /billing/jobs/<id>` lists them), in the step's transaction. */
export async function projectGroup(instance: InstanceView, context: MilkFactoryContext<BillingTables>): Promise<void> {
  if (instance.state === 'idle') return;
  const group = instance.context as GroupContext;
  const now = new Date(context.clock.now());
  const changes = { state: instance.state as GroupState, step: group.step, bills: group.bills, failed_reason: group.failedReason, seq: group.seq, updated_at: now };
  await context.db.insertInto('groups').values({
    group_id: group.groupId, job_id: group.jobId, product_id: group.productId, first_day: group.firstDay, contract_ids: group.contractIds,
    split_from: group.splitFrom, created_at: now, ...changes,
  }).onConflict((conflict) => conflict.column('group_id').doUpdateSet(changes)).execute();
}

/**
 * The `billing-group` orchestrator: one instance per group (its id), hosted by the runtime
 * (snapshot in Postgres, commands through the outbox, the 30 s step timeouts as durable
 * timers). It hears every `Error` of the landscape and keeps those about its own steps.
 * Several groups step at once, many in one transaction (the orchestrators' default
 * batches); one group's steps are taken in mailbox order (the runtime keys the mailbox by
 * group), and a replica stepping the same group is caught by the revision check.
 */
export const groupOrchestrator = milkFactory.defineOrchestrator<BillingTables>({
  service: groupService,
  schema: billingSchema,
  machines: [groupMachine],
  commands: ['StartBillingGroup', 'RetryBillingGroup', 'PricesRead', 'GroupBilled', 'BillsAnnounced'],
  events: ['Error'],
  starts: ['StartBillingGroup'],
  schemas: { StartBillingGroup: startBillingGroupSchema },
  key: groupKey,
  input: (message) => message.data as StartBillingGroup,
  project: projectGroup,
});
