import type { ContractRow } from './contract-tables.ts';

/** The contract as the API and the `Draft` event show it. */
export function contractView(row: ContractRow) {
  return {
    id: row.id,
    productId: row.product_id,
    profileId: row.profile_id,
    start: row.start_date,
    end: row.end_date,
    state: row.state,
    syncTimestamp: row.sync_timestamp,
    // What dsc and pricing last reported: equal to syncTimestamp when the draft is in sync.
    discountsSyncTimestamp: row.discounts_sync_timestamp,
    pricesSyncTimestamp: row.prices_sync_timestamp,
    createdAt: row.created_at,
    createdBy: row.created_by,
    offeredAt: row.offered_at,
    offeredBy: row.offered_by,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    totalPrice: rootPrice(row)?.total ?? null,
    terminatedAt: row.terminated_at,
    terminatedBy: row.terminated_by,
    replaces: row.replaces,
    replacementId: row.replacement_id,
  };
}

/** `{contract, components}`: what `POST /drafts` answers and `Draft` carries. */
export function draftView(row: ContractRow) {
  return { contract: contractView(row), components: row.components };
}

/** `GET /contracts/<id>`: the contract with what its owners last reported, and its bills (billing's). */
export function contractDetail(row: ContractRow, bills: readonly unknown[]) {
  return {
    contract: contractView(row),
    components: row.components,
    prices: row.prices,
    discounts: row.discounts,
    relationships: row.relationships,
    case: row.case_info ? { caseId: row.case_info.caseId, referenceId: row.case_info.referenceId, type: row.case_info.type } : null,
    tasks: row.case_info?.tasks ?? [],
    bills,
  };
}

/** The root component's price as pricing last reported it. */
export function rootPrice(row: Pick<ContractRow, 'components' | 'prices'>): { total: string; tax: string } | undefined {
  const root = row.components.find((c) => c.parentId === null);
  return root ? row.prices[root.id] : undefined;
}

export function holderOf(row: Pick<ContractRow, 'relationships'>): string | undefined {
  return row.relationships.find((r) => r.role === 'CONTRACT_HOLDER')?.partnerId;
}

export function salesRepOf(row: Pick<ContractRow, 'relationships'>) {
  return row.relationships.find((r) => r.role === 'SALES_REP');
}
