import { ConflictError } from '../../../actors/mod.ts';
import { productById } from '../products/contract-definition.ts';
import { validateTree } from '../products/validate-tree.ts';
import type { ContractRow } from './contract-tables.ts';

/**
 * Whether a draft may be offered (spec, `POST /drafts/<id>/offer`): it is a DRAFT, its tree
 * is valid (else 400), dsc and pricing reported rows for exactly its current sync timestamp
 * (else 409), and it has exactly one CONTRACT_HOLDER and at least one SALES_REP (else 409).
 */
export function checkOffer(row: ContractRow): void {
  assertDraft(row);
  validateTree(productById(row.product_id).root, row.components);
  const pricesInSync = row.prices_sync_timestamp === row.sync_timestamp;
  const discountsInSync = row.discounts_sync_timestamp === row.sync_timestamp;
  if (!pricesInSync || !discountsInSync) {
    throw new ConflictError(`Pricing is not in sync with the contract (contract ${row.sync_timestamp}, prices ${row.prices_sync_timestamp ?? 'missing'}, discounts ${row.discounts_sync_timestamp ?? 'missing'}): resync the draft`);
  }
  const holders = row.relationships.filter((r) => r.role === 'CONTRACT_HOLDER').length;
  if (holders !== 1) throw new ConflictError(`The contract needs exactly one CONTRACT_HOLDER, it has ${holders}`);
  if (!row.relationships.some((r) => r.role === 'SALES_REP')) throw new ConflictError('The contract has no SALES_REP');
}

/** Changes are allowed only while the contract is a DRAFT (409 otherwise). */
export function assertDraft(row: Pick<ContractRow, 'id' | 'state'>): void {
  if (row.state !== 'DRAFT') throw new ConflictError(`Contract ${row.id} is ${row.state}, not DRAFT`);
}
