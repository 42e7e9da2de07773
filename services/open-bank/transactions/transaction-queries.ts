import type { Kysely, Selectable } from 'kysely';
import { toJsonMoney, type JsonMoney } from '../money.ts';
import type { TransactionsTables } from './transactions-tables.ts';

/** A transaction as REST answers it (spec: `GET /accounts/<iban>/transactions`). */
export interface TransactionView {
  id: number;
  iban: string;
  changedBy: number;
  newBalance: JsonMoney;
  direction: 'DEBIT' | 'CREDIT';
  fromTo: string;
  description: string;
  at: string;
}

const columns = ['id', 'iban', 'changed_by', 'new_balance', 'from_to', 'description', 'at'] as const;

/** An account's newest `max` transactions, newest first. */
export async function latestOf(db: Kysely<TransactionsTables>, iban: string, max: number): Promise<TransactionView[]> {
  const rows = await db.selectFrom('transactions').select([...columns]).where('iban', '=', iban).orderBy('id', 'desc').limit(max).execute();
  return rows.map(toView);
}

/** The newest transaction of every account, the `max` most recent of them, newest first. */
export async function newestPerAccount(db: Kysely<TransactionsTables>, max: number): Promise<TransactionView[]> {
  const newest = db.selectFrom('transactions').select([...columns]).distinctOn('iban').orderBy('iban').orderBy('id', 'desc').as('newest');
  const rows = await db.selectFrom(newest).selectAll().orderBy('id', 'desc').limit(max).execute();
  return rows.map(toView);
}

type TransactionRow = Pick<Selectable<TransactionsTables['transactions']>, (typeof columns)[number]>;

function toView(row: TransactionRow): TransactionView {
  const changedBy = Number(row.changed_by);
  return {
    id: Number(row.id),
    iban: row.iban,
    changedBy,
    newBalance: toJsonMoney(BigInt(row.new_balance)),
    direction: changedBy < 0 ? 'DEBIT' : 'CREDIT',
    fromTo: row.from_to,
    description: row.description,
    at: new Date(row.at).toISOString(),
  };
}
