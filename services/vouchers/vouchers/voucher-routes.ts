import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { ValidationError } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { vouchersActor } from './vouchers-actor.ts';
import { listVouchers, type VouchersTables } from './voucher-store.ts';

/** `GET /vouchers?orderId=` (spec, Vouchers): the vouchers service's read model. */
export function voucherRoutes(deps: LandscapeDeps) {
  return new Hono().get('/vouchers', async (c) => {
    const unknown = Object.keys(c.req.queries()).filter((name) => name !== 'orderId');
    if (unknown.length > 0) throw new ValidationError('unknown query parameter', unknown.map((name) => ({ path: `query.${name}`, message: 'unknown parameter' })));
    const store = deps.system().store;
    if (!store) throw new Error('the vouchers landscape needs a database');
    const db = store.database.db.withSchema(store.serviceSchema(vouchersActor)) as unknown as Kysely<VouchersTables>;
    return c.json(await listVouchers(db, c.req.query('orderId'), 1000));
  });
}
