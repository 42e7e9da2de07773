import type { Context } from 'hono';
import type { MilkFactoryContext } from '../../landscape.ts';
import { currentUser, type AuthEnv } from '../../../../gateway/auth/index.ts';
import type { LandscapeDeps } from '../../../../gateway/landscape.ts';
import type { Product } from '../../products/product-catalogue.ts';
import { productById } from '../../products/contract-definition.ts';
import type { DraftComponent } from '../../products/draft-component.ts';
import { json } from '../../shared/state-access.ts';
import { assertMayWorkOn } from '../contract-access.ts';
import type { ContractRow, ContractsTables } from '../contract-tables.ts';
import { draftView } from '../contract-view.ts';
import { contractsActor } from '../contracts-actor.ts';
import { assertDraft } from '../offer-check.ts';
import { nextSyncTimestamp } from '../sync-timestamp.ts';
import { lockContract } from './load-contract.ts';

/**
 * One change of a draft (spec, the sales process): the contract must be a DRAFT (409), the
 * caller may work on it (403), the change may refuse (400). It gets a new sync timestamp
 * and `Draft` carries the whole new model to dsc (then pricing) and to the browser.
 */
export async function changeDraft(
  c: Context<AuthEnv>, deps: LandscapeDeps, id: string,
  change: (row: ContractRow, product: Product) => DraftComponent[],
) {
  const user = currentUser(c);
  return deps.system().transaction(contractsActor, deps.flow(c), async (context) => {
    const row = await lockContract(context, id);
    assertMayWorkOn(user, row);
    assertDraft(row);
    const components = change(row, productById(row.product_id));
    const changed: ContractRow = { ...row, components, sync_timestamp: nextSyncTimestamp(row.sync_timestamp, context.clock.now()) };
    await context.db.updateTable('contracts')
      .set({ components: json(components) as never, sync_timestamp: changed.sync_timestamp })
      .where('id', '=', id).execute();
    return publishDraft(context, changed);
  });
}

/** `Draft` with the model: what dsc recomputes from and the browser shows. */
export function publishDraft(context: MilkFactoryContext<ContractsTables>, row: ContractRow) {
  const draft = draftView(row);
  context.publish('Draft', draft);
  return draft;
}
