import type { Generated } from 'kysely';
import type { DeadLetterTables } from '../dead-letters/dead-letter-table.ts';

/** The runtime's tables (schema `actors`, see actors/sql/actors/), the dead-letter office's among them. */
export interface RuntimeTables extends DeadLetterTables {
  inbox: InboxTable;
  outbox: OutboxTable;
  /**
   * Outbox rows not yet confirmed by the broker, one row per storing transaction listing
   * them (`ids`), deleted once they are (see actors/sql/actors/0004 and 0007). A row without `ids`
   * (written before 0007) stands for the one message whose id it has.
   */
  outbox_pending: {
    id: string;
    ids: string[] | null;
    created_at: Generated<Date>;
    /** Only for actors with a `publishRetry` schedule (sql/actors/0010): failed attempts, the next one's time, the last error, parked when. */
    attempts: Generated<number>;
    next_attempt_at: Date | null;
    last_error: string | null;
    parked_at: Date | null;
  };
  flow: FlowTable;
  orchestrator_instances: InstanceTable;
  orchestrator_history: HistoryTable;
  /** Mailboxes paused by an operator, for every process (sql/actors/0011, `system/shared-pause.ts`). */
  paused_mailboxes: { queue: string; paused_at: Generated<Date> };
}

/**
 * One row per message an actor handled (rule 5), with its flow fields (rule 14; see
 * actors/sql/actors/0009). Rows from before 0009 have no flow fields (null).
 */
export interface InboxTable {
  actor: string;
  message_id: string;
  received_at: Generated<Date>;
  correlation_id: string | null;
  causation_id: string | null;
  type: string | null;
  kind: string | null;
  source: string | null;
  occurred_at: Date | null;
  /** Its place among the messages its transaction received (the flow's order). */
  ordinal: number | null;
}

export interface OutboxTable {
  id: string;
  actor: string;
  causation_id: string | null;
  route: 'event' | 'command' | 'later';
  landscape: string;
  target: string | null;
  due_at: Date | null;
  message: unknown;
  /** Its place among the messages its transaction stored (the flow's order). */
  ordinal: number | null;
  created_at: Generated<Date>;
}

export interface FlowTable {
  seq: Generated<string>;
  correlation_id: string;
  message_id: string;
  causation_id: string | null;
  type: string;
  kind: string;
  source: string;
  actor: string;
  direction: 'handled' | 'emitted';
  occurred_at: Date;
  recorded_at: Generated<Date>;
}

export interface InstanceTable {
  machine: string;
  key: string;
  version: number;
  revision: number;
  snapshot: unknown;
  state_value: unknown;
  status: string;
  timers: unknown;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HistoryTable {
  seq: Generated<string>;
  machine: string;
  key: string;
  revision: number;
  message_id: string;
  message_type: string;
  state_value: unknown;
  at: Generated<Date>;
}
