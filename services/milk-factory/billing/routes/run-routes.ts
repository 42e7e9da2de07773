import { Hono } from 'hono';
import { z } from 'zod';
import { ConflictError, NotFoundError, newMessageId } from '../../../../actors/mod.ts';
import { secure, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { validJson } from '../../../../gateway/valid-json.ts';
import { calendarDay } from '../../shared/calendar-day.ts';
import { billingActor } from '../billing-actor.ts';
import { groupService, groupSizes } from '../billing-names.ts';
import type { BillingTables } from '../billing-tables.ts';
import { renewSubscriptions } from '../renew-subscriptions.ts';
import { startJob } from '../start-job.ts';

const billingRun = z.object({
  date: calendarDay,
  maxGroupSize: z.number().int().min(groupSizes.min).max(groupSizes.max).optional(),
});

/**
 * `POST /billing/runs` → 202 `{jobId, contracts, groups}` (and the common `id`,
 * `correlationId`: the job's id, which every message of the job carries);
 * `POST /billing/groups/<id>/retry` → 202, 409 unless FAILED. ADMIN only; bad input 400.
 */
export function runRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .post('/billing/runs', secure('BILLING', 'RUN'), validJson(billingRun), async (c) => {
      const { date, maxGroupSize = groupSizes.default } = c.req.valid('json');
      const flow = { ...deps.flow(c), correlationId: newMessageId() };
      const job = await deps.system().transaction(billingActor, flow, async (context) => {
        await renewSubscriptions(context, date);
        return startJob(context, { jobId: flow.correlationId, date, maxGroupSize, sessionId: flow.sessionId });
      });
      return c.json({ jobId: job.jobId, contracts: job.contracts, groups: job.groups, id: job.commandId, correlationId: job.jobId }, 202);
    })
    .post('/billing/groups/:id/retry', secure('BILLING', 'RETRY'), async (c) => {
      const groupId = c.req.param('id');
      const answer = await deps.system().transaction(billingActor, deps.flow(c), async (context) => {
        const db = context.db;
        // Locked and marked at once, so a second retry (a double click) finds it no longer FAILED.
        const group = await db.selectFrom('groups').select(['job_id', 'state', 'step']).where('group_id', '=', groupId).forUpdate().executeTakeFirst();
        if (!group) throw new NotFoundError(`no billing group ${groupId}`);
        if (group.state !== 'FAILED') throw new ConflictError(`billing group ${groupId} is ${group.state}, not FAILED`);
        await db.updateTable('groups').set({ state: group.step, failed_reason: null, updated_at: new Date(context.clock.now()) }).where('group_id', '=', groupId).execute();
        const command = context.send(groupService, 'RetryBillingGroup', { groupId }, { correlationId: group.job_id });
        return { id: command.id, correlationId: group.job_id, groupId, jobId: group.job_id };
      });
      return c.json(answer, 202);
    });
}
