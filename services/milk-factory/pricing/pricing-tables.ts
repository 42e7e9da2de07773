import type { DraftComponent } from '../products/draft-component.ts';
import type { ComponentDiscount } from './price-tree.ts';

export interface IndexRow {
  name: string;
  year: number;
  value: string;
  changed_at: string;
  changed_by: string;
}

/** Pricing's copy of an indexed contract: what it needs to price it for any year, again. */
export interface IndexedContractRow {
  contract_id: string;
  product_id: string;
  state: 'DRAFT' | 'RUNNING' | 'TERMINATED';
  start_day: string | null;
  end_day: string | null;
  components: DraftComponent[] | null;
  discounts: ComponentDiscount[] | null;
  sync_timestamp: string | null;
}

export interface PricingTables {
  prices: { contract_id: string; component_id: string; total: string; tax: string; sync_timestamp: string; root: boolean };
  indexes: IndexRow;
  indexed_contracts: IndexedContractRow;
}
