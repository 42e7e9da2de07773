import { sql } from 'kysely';
import { milkFactory } from '../landscape.ts';
import { on } from '../../../actors/mod.ts';
import { announceBills } from './announce-bills.ts';
import { billGroup, jobBills } from './bill-group.ts';
import { contractTerminatedSchema } from '../replacement/replacement-messages.ts';
import { announceBillsSchema, billGroupSchema, contractApprovedSchema } from './billing-messages.ts';
import { billingSchema, billingService } from './billing-names.ts';
import type { BillingTables } from './billing-tables.ts';
import { startJob } from './start-job.ts';


/**
 * billing: owns the bills and its copy of the billable contracts. `ContractApproved` adds
 * the contract and starts its first bill (a job of one group billing its start day, whose
 * `BillingJobCompleted` goes to the approving session). The groups' BILL and COMMS steps
 * are its commands, answered to the group (`replyTo`); what they change commits with the
 * answer, so a process killed between steps leaves either both or neither.
 */
export const billingActor = milkFactory.defineActor<BillingTables>({
  service: billingService,
  schema: billingSchema,
  retry: [500, 2_000, 5_000],
  events: {
    ContractApproved: on(contractApprovedSchema, async (message, context) => {
      const { id, productId, start, end } = message.data.contract;
      const added = await context.db.insertInto('contracts')
        .values({ contract_id: id, product_id: productId, start_day: start, end_day: end, state: 'RUNNING', billed_to: null })
        .onConflict((conflict) => conflict.column('contract_id').doNothing()).returning('contract_id').executeTakeFirst();
      if (!added) return; // known already: its first bill was started then
      await startJob(context, { date: start, maxGroupSize: 1, sessionId: message.metadata.sessionId, only: [id] });
    }),
    // Terminated (spec): billed up to its new end and no further; the select and BILL both stop at end_day.
    ContractTerminated: on(contractTerminatedSchema, async (message, context) => {
      const { contractId, end } = message.data;
      const row = await context.db.updateTable('contracts').set({ state: 'TERMINATED', end_day: end })
        .where('contract_id', '=', contractId).returning(sql<string | null>`billed_to::text`.as('billedTo')).executeTakeFirst();
      // contracts refused ends before the billed-to day it knew; a run between its check and now may have gone further.
      if (row?.billedTo && row.billedTo > end) context.logger.warn({ code: 'BILL-002', contractId, end, billedTo: row.billedTo }, 'terminated contract already billed past its end');
    }),
  },
  commands: {
    BillGroup: on(billGroupSchema, async (message, context) => {
      const billed = await billGroup(context.db, message.data, new Date(context.clock.now()));
      context.send(message.data.replyTo, 'GroupBilled', { ...billed });
    }),
    AnnounceBills: on(announceBillsSchema, async (message, context) => {
      const { replyTo, jobId, contractIds } = message.data;
      const db = context.db;
      const announced = await announceBills(db, context, jobId, contractIds);
      context.send(replyTo, 'BillsAnnounced', { announced, bills: await jobBills(db, jobId, contractIds) });
    }),
  },
});
