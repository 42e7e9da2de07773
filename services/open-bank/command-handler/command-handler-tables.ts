import type { Generated } from 'kysely';
import type { Int8 } from '../int8-column.ts';

// The command handler's tables (sql/open_bank_command_handler). Money columns are cents.

export interface AccountRow {
  iban: string;
  token: string;
  balance: Int8;
  limit: Int8;
  /** An `AccountType` or 'COMPANY' (text: read through `toAccount`). */
  account_type: string;
  created_at: Generated<Date>;
}

export interface TransferOutcomeRow {
  id: string;
  status: 'confirmed' | 'failed';
  /** Set when `status` is 'failed'. */
  reason: string | null;
  from_account: string;
  to_account: string;
  amount: Int8;
  handled_at: Generated<Date>;
}

export interface CreationOutcomeRow {
  id: string;
  iban: string;
  token: string;
  account_type: string;
  handled_at: Generated<Date>;
}

export interface TransferRequestRow {
  id: string;
  posted_at: Generated<Date>;
}

export interface ClientRow {
  username: string;
  password_hash: string;
  creation_id: string;
  created_at: Generated<Date>;
}

export interface CommandHandlerTables {
  accounts: AccountRow;
  transfer_outcomes: TransferOutcomeRow;
  creation_outcomes: CreationOutcomeRow;
  transfer_requests: TransferRequestRow;
  clients: ClientRow;
}
