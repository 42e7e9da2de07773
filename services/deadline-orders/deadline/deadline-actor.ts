import type { Kysely } from 'kysely';
import { deadlineOrders, type DeadlineOrdersContext } from '../landscape.ts';
import { lockOrder } from '../order-lock.ts';
import { alarmRings, setAlarm, settleAlarm } from './deadline-alarm.ts';
import { deadlineRecordOf, type DeadlineRecord, type DeadlineTables } from './deadline-tables.ts';

type Db = Kysely<DeadlineTables>;

/** The deadline service: a durable alarm per order (deadline-alarm.ts) that rejects what is not done in time. */
export const deadlineActor = deadlineOrders.defineActor<DeadlineTables>({
  service: 'deadline',
  events: {
    OrderCreated: async (message, context) => {
      const { db } = context;
      await lockOrder(db, 'deadline', message.data.orderId);
      const alarm = setAlarm(await find(db, message.data.orderId), message.data);
      if (!alarm) return;
      await save(db, alarm.record, new Date(context.clock.now()));
      // Committed with the record: the alarm is in the waiting rooms (quorum queues) before the handler acks.
      context.sendLater('DeadlineAlarm', { orderId: alarm.record.orderId, deadline: message.data.deadline }, { at: alarm.dueAt });
    },
    OrderPlaced: (message, context) => settle(message.data, context),
    OrderRejected: (message, context) => settle(message.data, context),
  },
  commands: {
    DeadlineAlarm: async (message, context) => {
      const { db } = context;
      await lockOrder(db, 'deadline', message.data.orderId);
      const rang = alarmRings(await find(db, message.data.orderId), message.data);
      if (!rang) return;
      await save(db, rang.record, new Date(context.clock.now()));
      context.publish(rang.emit.type, rang.emit.data);
    },
  },
});

async function settle(order: { orderId: string; holderId?: string | undefined }, context: DeadlineOrdersContext<DeadlineTables>): Promise<void> {
  const { db } = context;
  await lockOrder(db, 'deadline', order.orderId);
  const settled = settleAlarm(await find(db, order.orderId), order.orderId, order.holderId);
  if (settled) await save(db, settled, new Date(context.clock.now()));
}

async function find(db: Db, orderId: string): Promise<DeadlineRecord | undefined> {
  const row = await db.selectFrom('deadlines').selectAll().where('order_id', '=', orderId).executeTakeFirst();
  return row && deadlineRecordOf(row);
}

async function save(db: Db, record: DeadlineRecord, now: Date): Promise<void> {
  const values = { holder_id: record.holderId, deadline: record.deadline === null ? null : new Date(record.deadline), status: record.status, updated_at: now };
  await db.insertInto('deadlines').values({ order_id: record.orderId, ...values })
    .onConflict((oc) => oc.column('order_id').doUpdateSet(values)).execute();
}
