import { Hono } from 'hono';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../../actors/mod.ts';
import { ForbiddenError, currentUser, secure, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { manualDefinitionId, manualDiscountValue } from './automatic-discounts.ts';
import { dscActor } from './dsc-actor.ts';
import type { DscTables } from './dsc-tables.ts';
import { restampDiscounts } from './restamp-discounts.ts';

/** A fraction of at most 100 %, with at most 4 decimals (0.0125 = 1.25 %). */
const fraction = z.number().min(-1).max(1).refine((v) => Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6, 'at most 4 decimals');
const manualDiscount = z.object({ path: z.string().min(1).max(500), value: fraction });

/**
 * `PUT /drafts/<id>/discount {path, value}`: dsc's own REST controller (rule 1), on the
 * draft as dsc last saw it. Stored as −|value|; 0 removes it. Sales reps only: a customer
 * may draft, not discount.
 */
export function discountRoutes(deps: LandscapeDeps) {
  return new Hono<AuthEnv>()
    .put('/drafts/:id/discount', secure('SALES', 'DRAFT'), validJson(manualDiscount), async (c) => {
      if (!currentUser(c).roles.includes('SALES_REP')) throw new ForbiddenError('only a sales rep may give a discount');
      const { path, value } = c.req.valid('json');
      const contractId = c.req.param('id');
      const discounts = await deps.system().transaction(dscActor, deps.flow(c), async (context) => {
        const db = context.db;
        const held = await db.selectFrom('drafts').selectAll().where('contract_id', '=', contractId).forUpdate().executeTakeFirst();
        if (!held) throw new NotFoundError(`no draft ${contractId} (yet): discounts are given once the draft's discounts arrived`);
        if (held.state !== 'DRAFT') throw new ConflictError(`Contract ${contractId} is ${held.state}, not DRAFT`);
        const component = held.draft.components.find((comp) => comp.path === path);
        if (!component) throw new ValidationError(`no component at path ${path}`);
        await db.deleteFrom('discounts').where('contract_id', '=', contractId).where('component_id', '=', component.id)
          .where('definition_id', '=', manualDefinitionId).execute();
        if (value !== 0) {
          await db.insertInto('discounts').values({
            contract_id: contractId, component_id: component.id, definition_id: manualDefinitionId,
            value: manualDiscountValue(value), added_manually: true, sync_timestamp: held.sync_timestamp,
          }).execute();
        }
        return restampDiscounts(db, context, { contractId, productId: held.product_id, syncTimestamp: held.sync_timestamp, components: held.draft.components, start: held.draft.start, end: held.draft.end });
      });
      return c.json({ contractId, discounts });
    });
}
