import { Hono } from 'hono';
import { z } from 'zod';
import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import { limitParam } from '../../../gateway/list-limit.ts';
import { validQuery } from '../../../gateway/valid-query.ts';
import { vouchersActor } from './vouchers-actor.ts';
import { listVouchers, type VouchersTables } from './voucher-store.ts';

/** Strict: a misspelt filter (`?orderid=`) is a 400, not every voucher. */
const vouchersQuery = z.strictObject({ orderId: z.string().optional(), limit: limitParam() });

/** `GET /vouchers?orderId=` (spec, Vouchers): the vouchers service's read model. */
export function voucherRoutes(deps: LandscapeDeps) {
  return new Hono().get('/vouchers', validQuery(vouchersQuery), async (c) => {
    const { orderId, limit } = c.req.valid('query');
    const db = deps.system().readDb<VouchersTables>(vouchersActor);
    return c.json(await listVouchers(db, orderId, limit));
  });
}
