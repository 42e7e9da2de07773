import { Hono } from 'hono';
import { z } from 'zod';
import { ConflictError } from '../../../../actors/mod.ts';
import { currentUser, secure, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { validJson } from '../../../../gateway/valid-json.ts';
import { billedTo } from '../../billing/contract-bills.ts';
import { contractDefinition } from '../../products/contract-definition.ts';
import { calendarDay, maxDay } from '../../shared/calendar-day.ts';
import { json } from '../../shared/state-access.ts';
import { replacementService } from '../../replacement/replacement-names.ts';
import { assertMayAccept, assertMayWorkOn } from '../contract-access.ts';
import type { ContractRow } from '../contract-tables.ts';
import { holderOf } from '../contract-view.ts';
import { contractsActor } from '../contracts-actor.ts';
import { checkReplacement, replacementDraft } from '../replacement-draft.ts';
import { checkTermination, terminateContract } from '../termination.ts';
import { nextSyncTimestamp } from '../sync-timestamp.ts';
import { publishDraft } from './change-draft.ts';
import { lockContract } from './load-contract.ts';

const termination = z.object({ date: calendarDay });
const replacement = z.object({ productId: z.string().min(1).max(100).optional(), start: calendarDay });

/** The later of billing's billed-to day (its read model, the most current) and contracts' copy. */
async function billedUpTo(deps: LandscapeDeps, row: ContractRow): Promise<string | null> {
  const billing = await billedTo(deps, row.id);
  if (billing === null || row.billed_to === null) return billing ?? row.billed_to;
  return maxDay(billing, row.billed_to);
}

/** Terminating and replacing a running contract, deleting a draft (spec, Termination and Replacement). */
export function lifecycleRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .post('/contracts/:id/terminate', secure('SALES', 'TERMINATE'), validJson(termination), async (c) => {
      const user = currentUser(c);
      const { date } = c.req.valid('json');
      const terminated = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const row = await lockContract(context, c.req.param('id'));
        assertMayAccept(user, row, 'terminate');
        checkTermination(row, date, await billedUpTo(deps, row));
        return terminateContract(context, row, date, user.username);
      });
      return c.json({ contract: terminated });
    })
    .post('/contracts/:id/replace', secure('SALES', 'REPLACE'), validJson(replacement), async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const draft = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const db = context.db;
        const old = await lockContract(context, c.req.param('id'));
        assertMayAccept(user, old, 'replace');
        checkReplacement(old, body.start, await billedUpTo(deps, old));
        const product = contractDefinition(body.productId ?? old.product_id, body.start);
        const row = replacementDraft(old, product, body.start, {
          id: crypto.randomUUID(), by: user.username, now: new Date(context.clock.now()).toISOString(),
          syncTimestamp: nextSyncTimestamp(undefined, context.clock.now()), newComponentId: () => crypto.randomUUID(),
        });
        await db.insertInto('contracts').values({
          ...row, components: json(row.components) as never, discounts: json([]) as never, prices: json({}) as never, relationships: json([]) as never,
        }).execute();
        await db.updateTable('contracts').set({ replacement_id: row.id }).where('id', '=', old.id).execute();
        context.send('cases', 'CreateCase', { referenceId: row.id, caseType: 'SALES' });
        const holder = holderOf(old);
        if (holder !== undefined) {
          context.send('partners', 'CreatePartnerRelationship', {
            partnerId: holder, foreignId: row.id, role: 'CONTRACT_HOLDER', start: row.start_date, end: row.end_date, alsoCreate: ['SALES_REP'],
          });
        }
        context.send(replacementService, 'StartContractReplacement', { oldId: old.id, newId: row.id, start: row.start_date });
        // About the old contract (its page, its holder's stream): a replacement is in progress.
        context.publish('ReplacementDrafted', { contractId: old.id, replacementId: row.id, start: row.start_date });
        return { ...publishDraft(context, row), replaces: old.id };
      });
      return c.json(draft, 201);
    })
    .delete('/drafts/:id', secure('SALES', 'DRAFT'), async (c) => {
      const user = currentUser(c);
      await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const db = context.db;
        const row = await lockContract(context, c.req.param('id'));
        assertMayWorkOn(user, row);
        // Not yet accepted: nobody has agreed to it, so it may go (an accepted one is the customer's word).
        if (row.state !== 'DRAFT' && row.state !== 'OFFERED') throw new ConflictError(`Contract ${row.id} is ${row.state}, not DRAFT or OFFERED`);
        await db.deleteFrom('contracts').where('id', '=', row.id).execute();
        if (row.replaces !== null) await db.updateTable('contracts').set({ replacement_id: null }).where('id', '=', row.replaces).where('replacement_id', '=', row.id).execute();
        context.publish('DraftDeleted', { contractId: row.id, replaces: row.replaces, partnerId: holderOf(row) ?? row.named_holder });
      });
      return c.body(null, 204);
    });
}
