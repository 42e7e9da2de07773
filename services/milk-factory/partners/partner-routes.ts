import { Hono, type MiddlewareHandler } from 'hono';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { NotFoundError } from '../../../actors/mod.ts';
import { ForbiddenError, authenticated, currentUser, ownData, secure, type AuthEnv } from '../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validJson } from '../../../gateway/valid-json.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { staffRoles } from '../organisation/organisation-data.ts';
import { json, readDb } from '../shared/state-access.ts';
import { partnerView, relationshipView, type PartnersTables } from './partner-tables.ts';
import { partnersActor } from './partners-actor.ts';

const text = (max: number) => z.string().min(1).max(max);
const address = z.strictObject({
  street: text(200), houseNumber: text(20), postcode: text(20), city: text(100),
  country: text(100), type: z.enum(['PRIMARY', 'SECONDARY']),
});
const newPartner = z.object({
  firstName: text(100), lastName: text(100), type: z.enum(['PERSON', 'COMPANY']),
  dob: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(), email: z.string().max(254).email().optional(),
  phone: z.string().max(40).optional(), addresses: z.array(address).max(10).default([]),
});
/** `?q=` is trimmed and lower-cased before its length is checked, as it always was. */
const searchQuery = z.object({
  q: z.string().default('').transform((q) => q.trim().toLowerCase()).pipe(z.string().max(100, 'at most 100 characters')),
  limit: limitParam({ fallback: 50, max: 200 }),
});

/** Only staff search partners: refused (403) before the query is looked at, as it always was. */
const staffOnly: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (!currentUser(c).roles.some((r) => staffRoles.includes(r))) throw new ForbiddenError('only staff search partners');
  await next();
};

/** Partners: create (staff, or while drafting), search (staff) and read (staff, or yourself). */
export function partnerRoutes(deps: LandscapeDeps) {
  const db = () => readDb<PartnersTables>(deps, partnersActor);
  return new Hono<AuthEnv>()
    .post('/partners', secure('SALES', 'DRAFT'), validJson(newPartner), async (c) => {
      if (!currentUser(c).roles.some((r) => staffRoles.includes(r))) throw new ForbiddenError('only staff create partners');
      const body = c.req.valid('json');
      const created = await deps.system().transaction(partnersActor, deps.flow(c), async (context) => {
        const row = await context.db.insertInto('partners').values({
          id: crypto.randomUUID(), first_name: body.firstName, last_name: body.lastName, type: body.type, dob: body.dob ?? null,
          email: body.email ?? null, phone: body.phone ?? null, addresses: json(body.addresses) as never,
        }).returningAll().executeTakeFirstOrThrow();
        const partner = partnerView(row);
        context.publish('PartnerCreated', { partner });
        return partner;
      });
      return c.json(created, 201);
    })
    .get('/partners', authenticated(), staffOnly, validQuery(searchQuery), async (c) => {
      const { q, limit } = c.req.valid('query');
      let query = db().selectFrom('partners').selectAll().orderBy('last_name').orderBy('first_name').limit(limit);
      if (q) {
        const like = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
        query = query.where(sql<boolean>`(lower(first_name || ' ' || last_name) like ${like} or lower(coalesce(email, '')) like ${like} or coalesce(phone, '') like ${like})`);
      }
      return c.json((await query.execute()).map(partnerView));
    })
    .get('/partners/:id', authenticated(), async (c) => {
      const id = c.req.param('id');
      ownData(c, id, { except: staffRoles });
      const row = await db().selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFoundError(`no partner ${id}`);
      const relationships = (await db().selectFrom('relationships').selectAll().where('partner_id', '=', id).orderBy('created_at').execute()).map(relationshipView);
      const contracts = relationships.map((r) => ({ contractId: r.foreignId, role: r.role }));
      return c.json({ ...partnerView(row), relationships, contracts });
    });
}
