import type { Kysely } from 'kysely';
import { deadlineOrders, type DeadlineOrdersContext } from '../landscape.ts';
import type { OrderCreated } from '../messages.ts';
import { lockOrder } from '../order-lock.ts';
import { compensateExchange, tombstoneRecord } from './compensate-exchange.ts';
import { recordOf, type ExchangeRecord, type ExchangeTables } from './exchange-tables.ts';
import { faultWait } from './fault-injection.ts';
import { expiredRecord, nextReserveStep, reserveExchange, type ReserveStage } from './reserve-exchange.ts';

type Db = Kysely<ExchangeTables>;
type Context = DeadlineOrdersContext<ExchangeTables>;

/**
 * The exchange service: reserves the currency exchange of an order in time
 * (reserve-exchange.ts) and compensates it when the order is rejected (compensate-exchange.ts).
 */
export const exchangeActor = deadlineOrders.defineActor<ExchangeTables>({
  service: 'exchange',
  events: {
    OrderCreated: (message, context) => reserve(message.data, 'arrived', context),
    OrderRejected: async (message, context) => {
      const { db } = context;
      const { orderId, holderId } = message.data;
      await lockOrder(db, 'exchange', orderId);
      const existing = await find(db, orderId);
      const compensation = compensateExchange(existing, orderId, holderId);
      if (compensation.kind === 'tombstone') {
        await insert(db, tombstoneRecord(orderId, holderId), context);
      } else if (compensation.kind === 'compensate') {
        await db.updateTable('exchanges').set({ status: 'COMPENSATED', updated_at: new Date(context.clock.now()) }).where('order_id', '=', orderId).execute();
        context.publish(compensation.emit.type, compensation.emit.data);
      }
    },
  },
  commands: {
    // A durable alarm, not a sleep: the wait holds no handler slot and survives a restart.
    ExchangeAfterWait: (message, context) => {
      const { stage, ...order } = message.data;
      return reserve(order, stage, context);
    },
  },
});

async function reserve(order: OrderCreated, stage: ReserveStage, context: Context): Promise<void> {
  const { db } = context;
  const step = nextReserveStep(order, stage, context.clock.now());
  if (step.kind === 'wait') {
    context.sendLater('ExchangeAfterWait', { ...order, stage: step.then }, { delay: faultWait });
    return;
  }
  await lockOrder(db, 'exchange', order.orderId);
  const existing = await find(db, order.orderId);
  if (step.kind === 'ignore-expired') {
    context.logger.info({ orderId: order.orderId, deadline: order.deadline }, 'OrderCreated past its deadline: ignored');
    if (!existing) await insert(db, expiredRecord(order), context);
    return;
  }
  const reservation = reserveExchange(existing, order);
  if (!reservation) return;
  await insert(db, reservation.record, context);
  context.publish(reservation.emit.type, reservation.emit.data);
}

async function find(db: Db, orderId: string): Promise<ExchangeRecord | undefined> {
  const row = await db.selectFrom('exchanges').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row && recordOf(row);
}

async function insert(db: Db, record: ExchangeRecord, context: Context): Promise<void> {
  const now = new Date(context.clock.now());
  await db.insertInto('exchanges').values({
    order_id: record.orderId, holder_id: record.holderId, currency_id: record.currencyId, amount: record.amount, rate: record.rate,
    exchanged_amount: record.exchangedAmount, status: record.status, created_at: now, updated_at: now,
  }).execute();
}
