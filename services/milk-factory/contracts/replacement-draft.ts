import { ConflictError } from '../../../actors/mod.ts';
import type { Product } from '../products/product-catalogue.ts';
import { contractEnd } from '../products/contract-definition.ts';
import type { DraftComponent } from '../products/draft-component.ts';
import { validateTree } from '../products/validate-tree.ts';
import { addDays } from '../shared/calendar-day.ts';
import type { ContractRow } from './contract-tables.ts';
import { holderOf } from './contract-view.ts';
import { checkTermination } from './termination.ts';

/**
 * Whether `old` may be replaced from `start` (spec, Replacement): it is RUNNING with no
 * replacement in progress (409), and it could end the day before `start`, the end the
 * approval will give it: within its days (400) and not before its billed-to day (409).
 */
export function checkReplacement(old: ContractRow, start: string, billedTo: string | null): void {
  if (old.state === 'RUNNING' && old.replacement_id !== null) {
    throw new ConflictError(`Contract ${old.id} already has a replacement in progress: ${old.replacement_id}`);
  }
  checkTermination(old, addDays(start, -1), billedTo, 'start');
}

/** The tree with new component ids (each contract's own), parents and paths kept. */
export function copyTree(components: readonly DraftComponent[], newId: () => string): DraftComponent[] {
  const ids = new Map(components.map((c) => [c.id, newId()]));
  return components.map((c) => ({
    ...c, id: ids.get(c.id)!, parentId: c.parentId === null ? null : ids.get(c.parentId) ?? null, configs: c.configs.map((config) => ({ ...config })),
  }));
}

export interface NewDraft {
  id: string;
  by: string;
  now: string;
  syncTimestamp: string;
  newComponentId: () => string;
}

/**
 * The replacement draft: the old contract's tree and configs (which must be valid for
 * `product`, else 400), starting on `start`, for the same holder, naming what it replaces.
 */
export function replacementDraft(old: ContractRow, product: Product, start: string, draft: NewDraft): ContractRow {
  const components = copyTree(old.components, draft.newComponentId);
  validateTree(product.root, components);
  return {
    id: draft.id, product_id: product.productId, profile_id: product.profileId, start_date: start, end_date: contractEnd(start, product.durationDays),
    state: 'DRAFT', sync_timestamp: draft.syncTimestamp, created_at: draft.now, created_by: draft.by, offered_at: null, offered_by: null,
    accepted_at: null, accepted_by: null, approved_at: null, approved_by: null, components, discounts: [], discounts_sync_timestamp: null,
    prices: {}, prices_sync_timestamp: null, relationships: [], case_info: null, named_holder: holderOf(old) ?? old.named_holder,
    terminated_at: null, terminated_by: null, replaces: old.id, replacement_id: null, billed_to: null,
  };
}
