import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../../../actors/mod.ts';
import { ForbiddenError, authenticated, currentUser, secure, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import { validQuery } from '../../../../gateway/valid-query.ts';
import { holderOf } from '../../contracts/contract-view.ts';
import { contractsActor } from '../../contracts/contracts-actor.ts';
import type { ContractsTables } from '../../contracts/contract-tables.ts';
import { findContract } from '../../contracts/routes/load-contract.ts';
import { calendarDay } from '../../shared/calendar-day.ts';
import { readDb } from '../../shared/state-access.ts';
import { billingActor } from '../billing-actor.ts';
import { billsOf, findJob, listJobs } from '../billing-read.ts';
import { billReaders } from '../billing-security.ts';
import type { BillingTables } from '../billing-tables.ts';

const jobsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
/** A job's groups are listed up to `limit` (a split of a big group makes as many as it had contracts). */
const jobQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(10_000).default(1_000) });
const billsQuery = z.strictObject({
  contractId: z.string().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  after: calendarDay.optional(),
});

/**
 * `GET /billing/jobs` (newest first, `limit` 1..200) and `GET /billing/jobs/<id>` (groups up to `limit`, 1..10,000) (ADMIN);
 * `GET /bills?contractId=` (the holder, a SALES_REP, ADMIN; ordered by `from`).
 */
export function readRoutes(deps: LandscapeDeps) {
  const db = () => readDb<BillingTables>(deps, billingActor);
  return new Hono<AuthEnv>()
    .get('/billing/jobs', secure('BILLING', 'READ'), validQuery(jobsQuery), async (c) => {
      const { limit } = c.req.valid('query');
      return c.json(await listJobs(db(), limit));
    })
    .get('/billing/jobs/:id', secure('BILLING', 'READ'), validQuery(jobQuery), async (c) => {
      const { limit } = c.req.valid('query');
      const job = await findJob(db(), c.req.param('id'), limit);
      if (!job) throw new NotFoundError(`no billing job ${c.req.param('id')}`);
      return c.json(job);
    })
    .get('/bills', authenticated(), validQuery(billsQuery), async (c) => {
      const { contractId, limit, after } = c.req.valid('query');
      const user = currentUser(c);
      if (!user.roles.some((role) => billReaders.includes(role))) {
        // Whose contract it is, contracts knows (its read model): only its holder may read its bills.
        const contract = await findContract(readDb<ContractsTables>(deps, contractsActor), contractId);
        if (user.partnerId === undefined || holderOf(contract) !== user.partnerId) throw new ForbiddenError('only the contract\'s holder, a sales rep or an admin may read its bills');
      }
      return c.json(await billsOf(db(), contractId, { limit, after }));
    });
}
