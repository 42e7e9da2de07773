import type { Kysely, Selectable } from 'kysely';
import { anyOf } from '../../../actors/mod.ts';
import type { AccountType } from '../messages.ts';
import type { Account, CreationOutcome, TransferOutcome } from './account.ts';
import type { AccountRow, CommandHandlerTables } from './command-handler-tables.ts';

/**
 * Reads and writes of the command handler's tables, one query per batch each; lists of
 * keys as one array (`anyOf`), so each read is one statement text whatever the batch's size.
 */

export async function lockAccounts(db: Kysely<CommandHandlerTables>, ibans: readonly string[]): Promise<Map<string, Account>> {
  const found = new Map<string, Account>();
  if (ibans.length === 0) return found;
  // Locked in IBAN order: two writers locking the same accounts cannot deadlock.
  const rows = await db.selectFrom('accounts').selectAll().where(anyOf('iban', [...ibans].sort())).orderBy('iban').forUpdate().execute();
  for (const row of rows) found.set(row.iban, toAccount(row));
  return found;
}

export async function existingIbans(db: Kysely<CommandHandlerTables>, ibans: readonly string[]): Promise<Set<string>> {
  if (ibans.length === 0) return new Set();
  const rows = await db.selectFrom('accounts').select('iban').where(anyOf('iban', ibans)).execute();
  return new Set(rows.map((row) => row.iban));
}

/** Stores the accounts' new balances (one statement for the whole batch). */
export async function saveBalances(db: Kysely<CommandHandlerTables>, accounts: Iterable<Account>): Promise<void> {
  const rows = [...accounts].map((a) => ({ iban: a.iban, token: a.token, balance: a.balance.toString(), limit: a.limit.toString(), account_type: a.accountType }));
  if (rows.length === 0) return;
  await db.insertInto('accounts').values(rows)
    .onConflict((oc) => oc.column('iban').doUpdateSet((eb) => ({ balance: eb.ref('excluded.balance') })))
    .execute();
}

export async function insertAccounts(db: Kysely<CommandHandlerTables>, accounts: readonly Account[]): Promise<void> {
  if (accounts.length === 0) return;
  await db.insertInto('accounts')
    .values(accounts.map((a) => ({ iban: a.iban, token: a.token, balance: a.balance.toString(), limit: a.limit.toString(), account_type: a.accountType })))
    .execute();
}

export async function transferOutcomes(db: Kysely<CommandHandlerTables>, ids: readonly string[]): Promise<Map<string, TransferOutcome>> {
  const found = new Map<string, TransferOutcome>();
  if (ids.length === 0) return found;
  const rows = await db.selectFrom('transfer_outcomes').select(['id', 'status', 'reason']).where(anyOf('id', ids, 'uuid')).execute();
  // `reason!`: a failed outcome always has its reason (saveTransferOutcomes writes it); the column type cannot say so.
  for (const row of rows) found.set(row.id, row.status === 'failed' ? { status: 'failed', reason: row.reason! } : { status: 'confirmed' });
  return found;
}

export interface StoredTransfer {
  id: string;
  outcome: TransferOutcome;
  from: string;
  to: string;
  amount: number;
}

export async function saveTransferOutcomes(db: Kysely<CommandHandlerTables>, outcomes: readonly StoredTransfer[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.insertInto('transfer_outcomes').values(outcomes.map((o) => ({
    id: o.id, status: o.outcome.status, reason: o.outcome.status === 'failed' ? o.outcome.reason : null,
    from_account: o.from, to_account: o.to, amount: o.amount,
  }))).execute();
}

export async function creationOutcomes(db: Kysely<CommandHandlerTables>, ids: readonly string[]): Promise<Map<string, CreationOutcome>> {
  const found = new Map<string, CreationOutcome>();
  if (ids.length === 0) return found;
  const rows = await db.selectFrom('creation_outcomes').select(['id', 'iban', 'token', 'account_type']).where(anyOf('id', ids, 'uuid')).execute();
  for (const row of rows) found.set(row.id, { iban: row.iban, token: row.token, accountType: row.account_type as AccountType });
  return found;
}

export async function saveCreationOutcomes(db: Kysely<CommandHandlerTables>, outcomes: ReadonlyArray<{ id: string; outcome: CreationOutcome }>): Promise<void> {
  if (outcomes.length === 0) return;
  await db.insertInto('creation_outcomes')
    .values(outcomes.map(({ id, outcome }) => ({ id, iban: outcome.iban, token: outcome.token, account_type: outcome.accountType })))
    .execute();
}

/** A row of `accounts` (bigint columns arrive as strings). */
export function toAccount(row: Selectable<AccountRow>): Account {
  return { iban: row.iban, token: row.token, balance: BigInt(row.balance), limit: BigInt(row.limit), accountType: row.account_type as Account['accountType'] };
}
