import { Hono } from 'hono';
import { z } from 'zod';
import { ForbiddenError, currentUser, secure, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { validJson } from '../../../../gateway/valid-json.ts';
import { validQuery } from '../../../../gateway/valid-query.ts';
import { addSibling, removeComponent } from '../../products/change-cardinality.ts';
import { configureComponent } from '../../products/configure-component.ts';
import { contractDefinition, contractEnd } from '../../products/contract-definition.ts';
import { subscriptionEnd } from '../../subscriptions/subscription-term.ts';
import { instantiateTree } from '../../products/instantiate-tree.ts';
import { json } from '../../shared/state-access.ts';
import { assertMayWorkOn } from '../contract-access.ts';
import type { ContractRow, ContractsTables } from '../contract-tables.ts';
import { draftView, holderOf } from '../contract-view.ts';
import { contractsActor } from '../contracts-actor.ts';
import { assertDraft, checkOffer } from '../offer-check.ts';
import { nextSyncTimestamp } from '../sync-timestamp.ts';
import { changeDraft, publishDraft } from './change-draft.ts';
import { lockContract } from './load-contract.ts';
import { ConflictError, ValidationError } from '../../../../actors/mod.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
const id = z.string().min(1).max(100);
const componentPath = z.string().min(1).max(500);
const newDraft = z.object({ productId: id, start: isoDate, partnerId: id.optional(), autoExtend: z.boolean().optional() });
const configChange = z.object({ path: componentPath, name: z.string().min(1).max(50), value: z.union([z.string().max(50), z.number()]) });
const componentRef = z.object({ path: componentPath });
const holderChoice = z.object({ partnerId: id });
const componentQuery = z.object({ path: z.string({ error: 'required' }).min(1, 'required').max(500, 'at most 500 characters') });

/** `POST /drafts` and the changes of a draft, its offer and resync (spec, the sales process). */
export function draftRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .post('/drafts', secure('SALES', 'DRAFT'), validJson(newDraft), async (c) => {
      const user = currentUser(c);
      const body = c.req.valid('json');
      const isCustomer = !user.roles.includes('SALES_REP');
      // A customer drafts for themselves; staff for any partner.
      const partnerId = body.partnerId ?? (isCustomer ? user.partnerId : undefined);
      if (isCustomer && partnerId !== user.partnerId) throw new ForbiddenError('a customer drafts contracts only for themselves');
      const product = contractDefinition(body.productId, body.start);
      const draft = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const now = new Date(context.clock.now()).toISOString();
        const row: ContractRow = {
          id: crypto.randomUUID(), product_id: product.productId, profile_id: product.profileId, start_date: body.start,
          end_date: product.contractType === 'SUBSCRIPTION' ? subscriptionEnd(body.start) : contractEnd(body.start, product.durationDays), state: 'DRAFT', sync_timestamp: nextSyncTimestamp(undefined, context.clock.now()),
          created_at: now, created_by: user.username, offered_at: null, offered_by: null, accepted_at: null, accepted_by: null,
          approved_at: null, approved_by: null, components: instantiateTree(product.root, () => crypto.randomUUID()), discounts: [],
          discounts_sync_timestamp: null, prices: {}, prices_sync_timestamp: null, relationships: [], case_info: null,
          named_holder: partnerId ?? null, terminated_at: null, terminated_by: null, replaces: null, replacement_id: null, billed_to: null,
          contract_type: product.contractType, auto_extend: product.contractType === 'SUBSCRIPTION' && body.autoExtend === true, quota_claimed: 0, term: 0,
        };
        await context.db.insertInto('contracts').values({
          ...row, components: json(row.components) as never, discounts: json([]) as never, prices: json({}) as never, relationships: json([]) as never,
        }).execute();
        context.send('cases', 'CreateCase', { referenceId: row.id, caseType: 'SALES' });
        if (partnerId !== undefined) {
          context.send('partners', 'CreatePartnerRelationship', {
            partnerId, foreignId: row.id, role: 'CONTRACT_HOLDER', start: row.start_date, end: row.end_date, alsoCreate: ['SALES_REP'],
          });
        }
        return publishDraft(context, row);
      });
      return c.json(draft, 201);
    })
    .put('/drafts/:id/config', secure('SALES', 'DRAFT'), validJson(configChange), async (c) => {
      const change = c.req.valid('json');
      return c.json(await changeDraft(c, deps, c.req.param('id'), (row, product) => configureComponent(product.root, row.components, change)));
    })
    .post('/drafts/:id/components', secure('SALES', 'DRAFT'), validJson(componentRef), async (c) => {
      const { path } = c.req.valid('json');
      return c.json(await changeDraft(c, deps, c.req.param('id'), (row, product) => addSibling(product.root, row.components, path, () => crypto.randomUUID())));
    })
    .delete('/drafts/:id/components', secure('SALES', 'DRAFT'), validQuery(componentQuery), async (c) => {
      const { path } = c.req.valid('query');
      return c.json(await changeDraft(c, deps, c.req.param('id'), (row, product) => removeComponent(product.root, row.components, path)));
    })
    // Selecting the holder after drafting (the spec's process "select partner"): once only.
    .put('/drafts/:id/partner', secure('SALES', 'DRAFT'), validJson(holderChoice), async (c) => {
      const user = currentUser(c);
      const { partnerId } = c.req.valid('json');
      if (!user.roles.includes('SALES_REP') && partnerId !== user.partnerId) throw new ForbiddenError('a customer drafts contracts only for themselves');
      const command = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const row = await lockContract(context, c.req.param('id'));
        assertMayWorkOn(user, row);
        assertDraft(row);
        if (holderOf(row) !== undefined) throw new ConflictError(`Contract ${row.id} already has a CONTRACT_HOLDER`);
        await context.db.updateTable('contracts').set({ named_holder: partnerId }).where('id', '=', row.id).execute();
        return context.send('partners', 'CreatePartnerRelationship', {
          partnerId, foreignId: row.id, role: 'CONTRACT_HOLDER', start: row.start_date, end: row.end_date, alsoCreate: ['SALES_REP'],
        });
      });
      return c.json({ id: command.id, correlationId: command.metadata.correlationId }, 202);
    })
    .post('/drafts/:id/offer', secure('SALES', 'OFFER'), async (c) => {
      const user = currentUser(c);
      const offered = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const row = await lockContract(context, c.req.param('id'));
        assertMayWorkOn(user, row);
        checkOffer(row);
        const changed: ContractRow = { ...row, state: 'OFFERED', offered_at: new Date(context.clock.now()).toISOString(), offered_by: user.username };
        await context.db.updateTable('contracts')
          .set({ state: changed.state, offered_at: changed.offered_at, offered_by: changed.offered_by }).where('id', '=', row.id).execute();
        const view = draftView(changed);
        context.publish('DraftOffered', view);
        return view;
      });
      return c.json(offered, 200);
    })
    .post('/drafts/:id/resync', secure('SALES', 'DRAFT'), async (c) => {
      const user = currentUser(c);
      const event = await deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
        const row = await lockContract(context, c.req.param('id'));
        assertMayWorkOn(user, row);
        assertDraft(row);
        // The same sync timestamp: dsc and pricing re-stamp the draft as it is.
        const draft = context.publish('Draft', draftView(row));
        return { id: draft.id, correlationId: draft.metadata.correlationId, syncTimestamp: row.sync_timestamp };
      });
      return c.json(event, 202);
    });
}
