import type { DiscountRow } from '../dsc/automatic-discounts.ts';
import type { PriceTable } from '../pricing/price-tree.ts';
import type { DraftComponent } from '../products/draft-component.ts';

export type ContractState = 'DRAFT' | 'OFFERED' | 'ACCEPTED' | 'AWAITING_APPROVAL' | 'RUNNING' | 'TERMINATED';

/** A relationship to the contract as partners reported it (`PartnerRelationshipChanged`). */
export interface ContractRelationship {
  partnerId: string;
  role: string;
  start?: string | null;
  end?: string | null;
  username?: string | null;
}

export interface CaseInfo {
  caseId: string;
  referenceId: string;
  type: string;
  tasks: Array<{ taskId: string; userId: string; title: string; description?: string | null; state: string; action: string; params: Record<string, unknown> }>;
}

export interface ContractRow {
  id: string;
  product_id: string;
  profile_id: string;
  start_date: string;
  end_date: string;
  state: ContractState;
  sync_timestamp: string;
  created_at: string;
  created_by: string;
  offered_at: string | null;
  offered_by: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  components: DraftComponent[];
  discounts: DiscountRow[];
  discounts_sync_timestamp: string | null;
  prices: PriceTable;
  prices_sync_timestamp: string | null;
  relationships: ContractRelationship[];
  case_info: CaseInfo | null;
  /** The partner the draft was made for, before (and whatever) partners reports: may read it at once. */
  named_holder: string | null;
  terminated_at: string | null;
  terminated_by: string | null;
  /** A replacement draft: the contract it replaces (`POST /contracts/<id>/replace`). */
  replaces: string | null;
  /** A contract being replaced: the replacement draft in progress (at most one). */
  replacement_id: string | null;
  /** The last day billed, as `BillCreated` reported it (a local copy of billing's). */
  billed_to: string | null;
}

export interface ContractsTables {
  contracts: ContractRow;
}
