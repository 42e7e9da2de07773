import type { DraftComponent } from '../products/draft-component.ts';

export interface DscTables {
  drafts: { contract_id: string; product_id: string; state: string; sync_timestamp: string; draft: { components: DraftComponent[]; start?: string; end?: string } };
  discounts: { contract_id: string; component_id: string; definition_id: string; value: string; added_manually: boolean; sync_timestamp: string };
}
