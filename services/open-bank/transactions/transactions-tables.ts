import type { ColumnType, Generated } from 'kysely';
import type { Int8 } from '../int8-column.ts';

/** The transactions read model's tables (sql/open_bank_transactions). */
export interface TransactionsTables {
  transactions: {
    /** bigserial: read as a string like every int8. */
    id: Generated<string>;
    message_id: string;
    iban: string;
    changed_by: Int8;
    new_balance: Int8;
    from_to: string;
    description: string;
    /** timestamptz: read as a Date, written from the event's ISO `occurredAt`. */
    at: ColumnType<Date, string | Date, string | Date>;
  };
}
