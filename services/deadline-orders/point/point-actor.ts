import type { Kysely } from 'kysely';
import { deadlineOrders } from '../landscape.ts';
import { lockOrder } from '../order-lock.ts';
import { pointRecordOf, type PointRecord, type PointTables } from './point-tables.ts';
import { refundHolder, refundPoints } from './refund-points.ts';
import { usePoints } from './use-points.ts';

type Db = Kysely<PointTables>;

/**
 * The point service: debits the holder's points for an exchanged order (use-points.ts) and
 * refunds them when the exchange is compensated (refund-points.ts). Balances are set by
 * `PUT /points/<userId>` (point-routes.ts).
 */
export const pointActor = deadlineOrders.defineActor<PointTables>({
  service: 'point',
  events: {
    ExchangeSucceeded: async (message, context) => {
      const { db } = context;
      const exchange = message.data;
      await lockOrder(db, 'point', exchange.orderId);
      const existing = await find(db, exchange.orderId);
      const balance = existing ? 0 : await lockBalance(db, exchange.holderId);
      const use = usePoints(existing, balance ?? 0, exchange, context.clock.now());
      if (use.kind === 'nothing') return;
      const now = new Date(context.clock.now());
      await save(db, use.record, now, 'insert');
      if (use.kind === 'expired') {
        context.logger.info({ orderId: exchange.orderId, deadline: exchange.deadline }, 'ExchangeSucceeded past the deadline: nothing debited');
        return;
      }
      if (use.kind === 'debit') {
        await db.updateTable('balances').set({ point: use.balance, updated_at: now }).where('user_id', '=', exchange.holderId).execute();
        await db.insertInto('point_transactions').values({
          order_id: exchange.orderId, holder_id: exchange.holderId, kind: 'DEBIT', amount: exchange.amount, balance: use.balance, at: now,
        }).execute();
      }
      context.publish(use.emit.type, use.emit.data);
    },
    ExchangeCompensated: async (message, context) => {
      const { db } = context;
      const { orderId, holderId } = message.data;
      await lockOrder(db, 'point', orderId);
      const existing = await find(db, orderId);
      const holder = refundHolder(existing);
      const balance = holder === undefined ? 0 : await lockBalance(db, holder);
      const refund = refundPoints(existing, orderId, holderId, balance ?? 0);
      if (refund.kind === 'nothing') return;
      const now = new Date(context.clock.now());
      if (refund.kind === 'tombstone') {
        await save(db, refund.record, now, 'insert');
        return;
      }
      await save(db, refund.record, now, 'update');
      // A holder whose balance row vanished cannot happen (rows are never deleted); upsert anyway, never lose a refund.
      await db.insertInto('balances').values({ user_id: refund.holderId, point: refund.balance, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ point: refund.balance, updated_at: now })).execute();
      await db.insertInto('point_transactions').values({
        order_id: orderId, holder_id: refund.holderId, kind: 'REFUND', amount: refund.amount, balance: refund.balance, at: now,
      }).execute();
      context.publish(refund.emit.type, refund.emit.data);
    },
  },
});

async function find(db: Db, orderId: string): Promise<PointRecord | undefined> {
  const row = await db.selectFrom('point_orders').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row && pointRecordOf(row);
}

/** The holder's balance, locked until commit (one holder's orders take turns); undefined for an unknown holder. */
async function lockBalance(db: Db, userId: string): Promise<number | undefined> {
  const row = await db.selectFrom('balances').select('point').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  return row?.point;
}

async function save(db: Db, record: PointRecord, now: Date, how: 'insert' | 'update'): Promise<void> {
  const values = { holder_id: record.holderId, amount: record.amount, status: record.status, updated_at: now };
  if (how === 'insert') await db.insertInto('point_orders').values({ order_id: record.orderId, ...values }).execute();
  else await db.updateTable('point_orders').set({ status: record.status, updated_at: now }).where('order_id', '=', record.orderId).execute();
}
