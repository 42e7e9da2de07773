import type { Kysely } from 'kysely';
import { NotFoundError } from '../../../../actors/mod.ts';
import type { MilkFactoryContext } from '../../landscape.ts';
import type { ContractRow, ContractsTables } from '../contract-tables.ts';

/** The contract, locked for the rest of the transaction; 404 when unknown. */
export async function lockContract(context: MilkFactoryContext<ContractsTables>, id: string): Promise<ContractRow> {
  const db = context.db;
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError(`no contract ${id}`);
  return row;
}

export async function findContract(db: Kysely<ContractsTables>, id: string): Promise<ContractRow> {
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no contract ${id}`);
  return row;
}
