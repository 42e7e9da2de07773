export interface PricingTables {
  prices: { contract_id: string; component_id: string; total: string; tax: string; sync_timestamp: string; root: boolean };
}
