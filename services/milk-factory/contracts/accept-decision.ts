import { ConflictError } from '../../../actors/mod.ts';
import { Decimal } from '../shared/decimal.ts';
import type { ContractRow, ContractState } from './contract-tables.ts';
import { rootPrice, salesRepOf } from './contract-view.ts';

/** Above this total (CHF, the root component's price) an accepted contract needs approval. */
export const approvalThreshold = Decimal.of('30.00');
export const autoApprovalUser = 'auto-approval-user';

export interface ApprovalTask {
  referenceId: string;
  userId: string;
  title: 'Approve Contract';
  action: 'APPROVE_CONTRACT';
  params: { contractId: string };
}

export type AcceptOutcome =
  | { state: Extract<ContractState, 'AWAITING_APPROVAL'>; task: ApprovalTask }
  | { state: Extract<ContractState, 'RUNNING'>; approvedBy: typeof autoApprovalUser };

/**
 * Accepting an OFFERED contract: a total above 30.00 awaits approval by the contract's
 * sales rep (a task for them); otherwise `auto-approval-user` approves it at once.
 */
export function decideAcceptance(row: ContractRow): AcceptOutcome {
  if (row.state !== 'OFFERED') throw new ConflictError(`Contract ${row.id} is ${row.state}, not OFFERED`);
  const total = rootPrice(row)?.total;
  if (total === undefined) throw new ConflictError(`Contract ${row.id} has no price`);
  if (Decimal.of(total).compare(approvalThreshold) <= 0) return { state: 'RUNNING', approvedBy: autoApprovalUser };
  const rep = salesRepOf(row);
  if (!rep?.username) throw new ConflictError(`Contract ${row.id} has no SALES_REP to approve it`);
  return {
    state: 'AWAITING_APPROVAL',
    task: { referenceId: row.id, userId: rep.username, title: 'Approve Contract', action: 'APPROVE_CONTRACT', params: { contractId: row.id } },
  };
}
