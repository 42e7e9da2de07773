import type { Kysely } from 'kysely';
import { NotFoundError, type PersistentContext } from '../../../../actors/mod.ts';
import type { ContractRow, ContractsTables } from '../contract-tables.ts';

/** The contract, locked for the rest of the transaction; 404 when unknown. */
export async function lockContract(context: PersistentContext, id: string): Promise<ContractRow> {
  const db = context.db as Kysely<ContractsTables>;
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`no contract ${id}`);
  return row;
}

export async function findContract(db: Kysely<ContractsTables>, id: string): Promise<ContractRow> {
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no contract ${id}`);
  return row;
}
