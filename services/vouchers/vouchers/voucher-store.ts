import type { Kysely } from 'kysely';
import type { VoucherGrant } from './large-delivered-five-euro.ts';

export interface VouchersTable {
  id: string;
  type: 'ABSOLUTE';
  value: number;
  redeemed: boolean;
  related_order_id: string;
  strategy: string;
  created_at: Date;
}

/** The vouchers service's own tables (schema `vouchers_vouchers`). */
export interface VouchersTables {
  vouchers: Omit<VouchersTable, 'created_at' | 'redeemed'> & { created_at?: Date; redeemed?: boolean };
}

/** A voucher as the API and the `VoucherCreated` event show it (spec, Vouchers). */
export interface Voucher {
  id: string;
  type: 'ABSOLUTE';
  value: number;
  redeemed: boolean;
  relatedOrderId: string;
  strategy: string;
}

/**
 * Stores the voucher unless its (order, strategy) has one already: the unique key makes
 * "at most one" hold even for two copies of an event handled at the same moment.
 * Answers the new voucher, or undefined when there was one.
 */
export async function storeVoucherOnce(db: Kysely<VouchersTables>, id: string, grant: VoucherGrant): Promise<Voucher | undefined> {
  const row = await db.insertInto('vouchers')
    .values({ id, type: grant.type, value: grant.value, related_order_id: grant.relatedOrderId, strategy: grant.strategy })
    .onConflict((conflict) => conflict.columns(['related_order_id', 'strategy']).doNothing())
    .returningAll().executeTakeFirst();
  return row && toVoucher(row as VouchersTable);
}

/** Oldest first; only one order's when `orderId` is given. */
export async function listVouchers(db: Kysely<VouchersTables>, orderId: string | undefined, limit: number): Promise<Voucher[]> {
  let query = db.selectFrom('vouchers').selectAll();
  if (orderId !== undefined) query = query.where('related_order_id', '=', orderId);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((row) => toVoucher(row as VouchersTable));
}

function toVoucher(row: VouchersTable): Voucher {
  return { id: row.id, type: row.type, value: row.value, redeemed: row.redeemed, relatedOrderId: row.related_order_id, strategy: row.strategy };
}
