import type { Kysely } from 'kysely';
import { defineActor, on, type PersistentContext } from '../../../actors/mod.ts';
import { landscapeName } from '../shared/landscape-name.ts';
import { announceBills } from './announce-bills.ts';
import { billGroup, jobBills } from './bill-group.ts';
import { announceBillsSchema, billGroupSchema, contractApprovedSchema } from './billing-messages.ts';
import { billingSchema, billingService } from './billing-names.ts';
import type { BillingTables } from './billing-tables.ts';
import { startJob } from './start-job.ts';

const dbOf = (context: unknown) => (context as PersistentContext<BillingTables>).db as Kysely<BillingTables>;

/**
 * billing: owns the bills and its copy of the billable contracts. `ContractApproved` adds
 * the contract and starts its first bill (a job of one group billing its start day, whose
 * `BillingJobCompleted` goes to the approving session). The groups' BILL and COMMS steps
 * are its commands, answered to the group (`replyTo`); what they change commits with the
 * answer, so a process killed between steps leaves either both or neither.
 */
export const billingActor = defineActor({
  landscape: landscapeName,
  service: billingService,
  schema: billingSchema,
  retry: [500, 2_000, 5_000],
  events: {
    ContractApproved: on(contractApprovedSchema, async (message, context) => {
      const { id, productId, start, end, type, autoExtend } = message.data.contract;
      const added = await dbOf(context).insertInto('contracts')
        .values({ contract_id: id, product_id: productId, start_day: start, end_day: end, state: 'RUNNING', billed_to: null, contract_type: type ?? 'ONE_OFF', auto_extend: autoExtend ?? false })
        .onConflict((conflict) => conflict.column('contract_id').doNothing()).returning('contract_id').executeTakeFirst();
      if (!added) return; // known already: its first bill was started then
      await startJob(context as PersistentContext, { date: start, maxGroupSize: 1, sessionId: message.metadata.sessionId, only: [id] });
    }),
  },
  commands: {
    BillGroup: on(billGroupSchema, async (message, context) => {
      const billed = await billGroup(dbOf(context), message.data, new Date(context.clock.now()));
      context.send(message.data.replyTo, 'GroupBilled', { ...billed });
    }),
    AnnounceBills: on(announceBillsSchema, async (message, context) => {
      const { replyTo, jobId, contractIds } = message.data;
      const db = dbOf(context);
      const announced = await announceBills(db, context, jobId, contractIds);
      context.send(replyTo, 'BillsAnnounced', { announced, bills: await jobBills(db, jobId, contractIds) });
    }),
  },
});
