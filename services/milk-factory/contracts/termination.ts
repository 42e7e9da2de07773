import { ConflictError, ValidationError } from '../../../actors/mod.ts';
import type { MilkFactoryContext } from '../landscape.ts';
import type { ContractRow, ContractsTables } from './contract-tables.ts';
import { contractView } from './contract-view.ts';

/**
 * Whether a contract may end on `date` (spec, Termination): it must be RUNNING (409), the
 * date within its days, `start ≤ date ≤ end` (400), and not before the day billing has
 * billed it up to (409 `already billed up to <day>`: bills already created never change).
 * `field` names the input the date came from in a 400 (a replacement's is `start`).
 */
export function checkTermination(
  row: Pick<ContractRow, 'id' | 'state' | 'start_date' | 'end_date'>, date: string, billedTo: string | null, field = 'date',
): void {
  if (row.state !== 'RUNNING') throw new ConflictError(`Contract ${row.id} is ${row.state}, not RUNNING`);
  if (date < row.start_date || date > row.end_date) {
    throw new ValidationError(`the end must be a day from the contract's start ${row.start_date} to its end ${row.end_date}`, [
      { path: field, message: `expected ${row.start_date} to ${row.end_date}` },
    ]);
  }
  if (billedTo !== null && date < billedTo) throw new ConflictError(`already billed up to ${billedTo}`);
}

/** Why the contract may not end on `date` (the message a REST caller would get), or undefined when it may. */
export function terminationRefusal(row: Pick<ContractRow, 'id' | 'state' | 'start_date' | 'end_date'>, date: string, billedTo: string | null): string | undefined {
  try {
    checkTermination(row, date, billedTo);
    return undefined;
  } catch (error) {
    if (error instanceof ConflictError || error instanceof ValidationError) return error.message;
    throw error;
  }
}

/**
 * Ends the (locked, checked) contract on `end`: state TERMINATED and `ContractTerminated
 * {contractId, end}` in the caller's transaction. Any replacement still in progress is
 * left to fail when its draft is approved (the old contract is no longer RUNNING then).
 */
export async function terminateContract(context: MilkFactoryContext<ContractsTables>, row: ContractRow, end: string, by: string, extra: Record<string, unknown> = {}) {
  const terminatedAt = new Date(context.clock.now()).toISOString();
  const changed: ContractRow = { ...row, state: 'TERMINATED', end_date: end, terminated_at: terminatedAt, terminated_by: by };
  await context.db.updateTable('contracts')
    .set({ state: 'TERMINATED', end_date: end, terminated_at: terminatedAt, terminated_by: by })
    .where('id', '=', row.id).execute();
  context.publish('ContractTerminated', { contractId: row.id, end, ...extra });
  return contractView(changed);
}
