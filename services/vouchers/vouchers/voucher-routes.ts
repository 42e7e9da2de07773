import { Hono } from 'hono';
import { ValidationError } from '../../../actors/mod.ts';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { listLimit } from '../../../gateway/list-limit.ts';
import { vouchersActor } from './vouchers-actor.ts';
import { listVouchers, type VouchersTables } from './voucher-store.ts';

/** `GET /vouchers?orderId=` (spec, Vouchers): the vouchers service's read model. */
export function voucherRoutes(deps: LandscapeDeps) {
  return new Hono().get('/vouchers', async (c) => {
    const unknown = Object.keys(c.req.queries()).filter((name) => name !== 'orderId' && name !== 'limit');
    if (unknown.length > 0) throw new ValidationError('unknown query parameter', unknown.map((name) => ({ path: `query.${name}`, message: 'unknown parameter' })));
    const db = deps.system().readDb<VouchersTables>(vouchersActor);
    return c.json(await listVouchers(db, c.req.query('orderId'), listLimit(c)));
  });
}
