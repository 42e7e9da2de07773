/** PENDING = an alarm is set; REACHED = it rang while the order was open; SETTLED = the order ended first. */
export type DeadlineStatus = 'PENDING' | 'REACHED' | 'SETTLED';

export interface DeadlineRecord {
  orderId: string;
  holderId: string | null;
  /** ISO; null for a tombstone (the order settled before its OrderCreated got here). */
  deadline: string | null;
  status: DeadlineStatus;
}

/** `deadline_orders_deadline` (sql/deadline_orders_deadline/). */
export interface DeadlineTables {
  deadlines: { order_id: string; holder_id: string | null; deadline: Date | null; status: DeadlineStatus; updated_at: Date };
}

export type DeadlineRow = DeadlineTables['deadlines'];

export function deadlineRecordOf(row: DeadlineRow): DeadlineRecord {
  return { orderId: row.order_id, holderId: row.holder_id, deadline: row.deadline && new Date(row.deadline).toISOString(), status: row.status };
}
