import type { ColumnType, Generated } from 'kysely';

/** The heartbeat's tables (sql/open_bank_heartbeat): one `pace` row, id 1. */
export interface HeartbeatTables {
  pace: {
    id: number;
    /** bigint with a default: read as a string (see `../int8-column.ts`), written as a number. */
    next_beat: ColumnType<string, string | number | undefined, string | number>;
    batch_size: Generated<number>;
    interval_ms: Generated<number>;
    generation: Generated<number>;
  };
}
