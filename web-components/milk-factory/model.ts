// What the milk-factory pages show: the shapes the REST API answers and the events carry.

export interface Configuration { name: string; value: string; units: string }
export interface Component { id: string; parentId: string | null; path: string; componentDefinitionId: string; configs: Configuration[] }
export interface Contract {
  id: string; productId: string; start: string; end: string; state: string; syncTimestamp: string;
  pricesSyncTimestamp?: string | null; discountsSyncTimestamp?: string | null;
  createdBy: string; acceptedBy?: string | null; approvedBy?: string | null; totalPrice?: string | null;
  terminatedBy?: string | null; replaces?: string | null; replacementId?: string | null;
}
export interface Draft { contract: Contract; components: Component[] }
export interface Discount { componentId: string; definitionId: string; value: string; addedManually: boolean }
export type PriceTable = Record<string, { total: string; tax: string }>;
export interface Relationship { partnerId: string; role: string; username?: string | null }
export interface Task { taskId: string; userId: string; title: string; description?: string | null; state: string; action: string; params: Record<string, unknown>; referenceId?: string }
export interface Bill { billId: string; contractId: string; from: string; to: string; price: string; createdAt: string }
export interface ContractDetail extends Draft {
  prices: PriceTable; discounts: Discount[]; relationships: Relationship[];
  case: { caseId: string; type: string } | null; tasks: Task[]; bills: Bill[];
}
export interface Address { street: string; houseNumber: string; postcode: string; city: string; country: string; type: 'PRIMARY' | 'SECONDARY' }
export interface Partner { id: string; firstName: string; lastName: string; type: string; email?: string | null; phone?: string | null; addresses: Address[] }

/** Definitions as `GET /products/<id>/components` answers them: permitted values and cardinalities. */
export interface DefinitionNode {
  componentDefinitionId: string;
  cardinality: { min: number; max: number; default: number };
  configs: Array<{ name: string; value: string; units: string; allowed?: string[] }>;
  rules: string[];
  children: DefinitionNode[];
}

export const base = '/api/milk-factory';

/** The definition of a component, following its path's names down the product's tree. */
export function definitionOf(root: DefinitionNode | undefined, path: string): DefinitionNode | undefined {
  const names = path.split('->').map((segment) => segment.replace(/\d+$/, ''));
  if (!root || names[0] !== root.componentDefinitionId) return undefined;
  let node: DefinitionNode | undefined = root;
  for (const name of names.slice(1)) node = node?.children.find((c) => c.componentDefinitionId === name);
  return node;
}
