import { ConflictError, ValidationError } from '../../../actors/mod.ts';
import type { ContractRow } from '../contracts/contract-tables.ts';
import { boxQuantity } from '../subscriptions/quota.ts';

export interface RequisitionRequest {
  requisitionId: string;
  quantity: number;
  deliverBy: string;
}

/**
 * Whether a requisition may be asked of this contract (spec): a RUNNING subscription (else
 * 409), 1..quota boxes and a `deliverBy` not in the past (else 400). Whether the boxes are
 * still free is the reservation's to decide (step 1), not the request's.
 */
export function checkRequest(contract: Pick<ContractRow, 'id' | 'contract_type' | 'state' | 'components'>, request: RequisitionRequest, today: string): void {
  if (contract.contract_type !== 'SUBSCRIPTION') throw new ConflictError(`Contract ${contract.id} is not a subscription`);
  if (contract.state !== 'RUNNING') throw new ConflictError(`Contract ${contract.id} is ${contract.state}, not RUNNING`);
  const total = boxQuantity(contract.components);
  if (request.quantity < 1 || request.quantity > total) {
    throw new ValidationError(`quantity must be 1..${total}`, [{ path: 'quantity', message: `expected 1..${total} (the yearly quota)` }]);
  }
  if (request.deliverBy < today) throw new ValidationError('deliverBy is in the past', [{ path: 'deliverBy', message: `expected ${today} or later` }]);
}

/** The same requisition id again: the same body is the same request (same answer); another body is a conflict. */
export function assertSameRequest(stored: { contractId: string; quantity: number; deliverBy: string }, contractId: string, request: RequisitionRequest): void {
  const same = stored.contractId === contractId && stored.quantity === request.quantity && stored.deliverBy === request.deliverBy;
  if (!same) throw new ConflictError(`requisition ${request.requisitionId} was asked with another body`);
}
