/** A contract a run selected, with the first day it will bill. */
export interface SelectedContract {
  contractId: string;
  productId: string;
  firstDay: string;
}

export interface ContractGroup {
  productId: string;
  firstDay: string;
  contractIds: string[];
}

/**
 * A run's groups (spec): contracts of the same product and the same first day to bill,
 * at most `maxGroupSize` each, in a stable order (product, first day, contract).
 */
export function groupContracts(selected: readonly SelectedContract[], maxGroupSize: number): ContractGroup[] {
  const sorted = [...selected].sort((a, b) =>
    compare(a.productId, b.productId) || compare(a.firstDay, b.firstDay) || compare(a.contractId, b.contractId));
  const groups: ContractGroup[] = [];
  let current: ContractGroup | undefined;
  for (const contract of sorted) {
    const sameKind = current && current.productId === contract.productId && current.firstDay === contract.firstDay;
    if (!current || !sameKind || current.contractIds.length >= maxGroupSize) {
      current = { productId: contract.productId, firstDay: contract.firstDay, contractIds: [] };
      groups.push(current);
    }
    current.contractIds.push(contract.contractId);
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
