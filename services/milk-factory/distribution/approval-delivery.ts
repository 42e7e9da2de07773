import type { LandscapeDeps } from '../../../gateway/landscape.ts';
import type { ContractRow } from '../contracts/contract-tables.ts';
import { holderOf } from '../contracts/contract-view.ts';
import { primaryAddress } from '../partners/primary-address.ts';
import { boxQuantity } from '../subscriptions/quota.ts';

/**
 * What an approved one-off contract's delivery is (spec: one delivery on its start day):
 * its boxes and the holder's PRIMARY address, carried by `ContractApproved` so distribution
 * needs no other service. None for a subscription (its boxes come by requisition) or a
 * holder without an address.
 */
export async function approvalDelivery(deps: LandscapeDeps, row: ContractRow) {
  if (row.contract_type === 'SUBSCRIPTION') return {};
  const holder = holderOf(row) ?? row.named_holder;
  const address = holder ? await primaryAddress(deps, holder) : undefined;
  return address ? { delivery: { quantity: boxQuantity(row.components), address } } : {};
}
