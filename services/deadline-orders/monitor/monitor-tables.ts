import type { Generated, Selectable } from 'kysely';

/** `deadline_orders_monitor` (sql/deadline_orders_monitor/): every event of every order, as it arrived. */
export interface MonitorTables {
  order_events: {
    message_id: string;
    order_id: string;
    type: string;
    data: Record<string, unknown>;
    source: string;
    correlation_id: string;
    causation_id: string | null;
    occurred_at: Date;
    seq: Generated<string>;
  };
}

export type OrderEventRow = Selectable<MonitorTables['order_events']>;

/** One entry of `GET /orders/<orderId>/events`. */
export function timelineEntry(row: OrderEventRow) {
  return {
    id: row.message_id,
    type: row.type,
    data: row.data,
    source: row.source,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}
