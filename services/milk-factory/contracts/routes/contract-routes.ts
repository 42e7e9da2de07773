import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { currentUser, authenticated, secure, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { limitParam } from '../../../../gateway/list-limit.ts';
import { validQuery } from '../../../../gateway/valid-query.ts';
import { contractBills } from '../../billing/contract-bills.ts';
import { json, readDb } from '../../shared/state-access.ts';
import { decideAcceptance } from '../accept-decision.ts';
import { assertMayAccept, assertMayApprove, assertMayWorkOn, listablePartner } from '../contract-access.ts';
import type { ContractRow, ContractsTables } from '../contract-tables.ts';
import { contractDetail, contractView } from '../contract-view.ts';
import { contractsActor } from '../contracts-actor.ts';
import { ConflictError } from '../../../../actors/mod.ts';
import { findContract, lockContract } from './load-contract.ts';
import { approvalDelivery } from '../../distribution/approval-delivery.ts';

/** `?partnerId=` (empty means none, as it always did) and `?limit=`. */
const contractsQuery = z.object({ partnerId: z.string().optional(), limit: limitParam({ fallback: 200 }) });

/** Accept, approve and read contracts (spec, the sales process). */
export function contractRoutes(deps: LandscapeDeps) {
  const db = () => readDb<ContractsTables>(deps, contractsActor);
  return new Hono<AuthEnv>()
    .post('/contracts/:id/accept', secure('SALES', 'ACCEPT'), async (c) => {
      const user = currentUser(c);
      const accepted = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const row = await lockContract(context, c.req.param('id'));
        assertMayAccept(user, row);
        const outcome = decideAcceptance(row);
        const now = new Date(context.clock.now()).toISOString();
        const changed: ContractRow = { ...row, state: outcome.state, accepted_at: now, accepted_by: user.username };
        if (outcome.state === 'RUNNING') Object.assign(changed, { approved_at: now, approved_by: outcome.approvedBy });
        await context.db.updateTable('contracts').set({
          state: changed.state, accepted_at: changed.accepted_at, accepted_by: changed.accepted_by,
          approved_at: changed.approved_at, approved_by: changed.approved_by,
        }).where('id', '=', row.id).execute();
        const contract = contractView(changed);
        if (outcome.state === 'AWAITING_APPROVAL') context.send('cases', 'CreateTask', { ...outcome.task });
        else context.publish('ContractApproved', { contract, ...await approvalDelivery(deps, changed) });
        context.publish('OfferAccepted', { contract });
        return contract;
      });
      return c.json({ contract: accepted });
    })
    .post('/contracts/:id/approve', secure('SALES', 'APPROVE'), async (c) => {
      const user = currentUser(c);
      const approved = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const row = await lockContract(context, c.req.param('id'));
        assertMayApprove(user, row);
        if (row.state !== 'AWAITING_APPROVAL') throw new ConflictError(`Contract ${row.id} is ${row.state}, not AWAITING_APPROVAL`);
        const now = new Date(context.clock.now()).toISOString();
        const changed: ContractRow = { ...row, state: 'RUNNING', approved_at: now, approved_by: user.username };
        await context.db.updateTable('contracts')
          .set({ state: 'RUNNING', approved_at: now, approved_by: user.username }).where('id', '=', row.id).execute();
        const contract = contractView(changed);
        context.send('cases', 'CompleteTasks', { referenceId: row.id, action: 'APPROVE_CONTRACT' });
        context.publish('ContractApproved', { contract, ...await approvalDelivery(deps, changed) });
        return contract;
      });
      return c.json({ contract: approved });
    })
    .get('/contracts/:id', authenticated(), async (c) => {
      const row = await findContract(db(), c.req.param('id'));
      assertMayWorkOn(currentUser(c), row);
      return c.json(contractDetail(row, await contractBills(deps, row.id)));
    })
    .get('/contracts', authenticated(), validQuery(contractsQuery), async (c) => {
      const { partnerId: requested, limit } = c.req.valid('query');
      const partnerId = listablePartner(currentUser(c), requested || undefined);
      let query = db().selectFrom('contracts').selectAll().orderBy('created_at', 'desc').limit(limit);
      if (partnerId !== undefined) query = query.where(sql<boolean>`(relationships @> ${json([{ partnerId }])} or named_holder = ${partnerId})`);
      const rows = await query.execute();
      return c.json(rows.map((row) => ({ ...contractView(row), relationships: row.relationships })));
    });
}
