import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';
import { augustus, base, contractWhen, inSync } from '../sales-helpers.ts';

export interface NewContract {
  productId?: string;
  start: string;
  /** QUANTITY 5 (24.33) is approved at once; the default 10 (46.06) waits for the sales rep's approval. */
  quantity?: 5 | 10;
  holder?: string;
}

/** A draft made by john.smith for the holder, in sync and offered (the sales process up to the offer). */
export async function offeredDraft(edge: TestEdge, id: string, quantity: 5 | 10 = 10): Promise<void> {
  if (quantity === 5) {
    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: 'CardboardBox1', name: 'QUANTITY', value: 5 } });
    await contractWhen(edge, id, (d) => inSync(d) && d.contract.syncTimestamp === changed.contract.syncTimestamp);
  } else {
    await contractWhen(edge, id, inSync);
  }
  await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
}

/** A RUNNING contract through the whole sales process (accepted by its holder; approved by the rep when above 30.00). */
export async function runningContract(edge: TestEdge, contract: NewContract): Promise<string> {
  const holder = contract.holder ?? augustus;
  const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: contract.productId ?? 'COOKIES_MILKSHAKE', start: contract.start, partnerId: holder } });
  const id = draft.contract.id as string;
  await offeredDraft(edge, id, contract.quantity ?? 5);
  const accepted = await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: holder });
  if (accepted.contract.state === 'AWAITING_APPROVAL') await edge.expect(200, 'POST', `${base}/contracts/${id}/approve`, { as: 'john.smith' });
  return id;
}

/** The contract's state and end as contracts answers them. */
export async function stateOf(edge: TestEdge, id: string): Promise<{ state: string; end: string; replacementId: string | null }> {
  const { contract } = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: 'john.smith' });
  return { state: contract.state, end: contract.end, replacementId: contract.replacementId };
}

/** The contract-replacement instance of a replacement draft, once `check` holds. */
export async function replacementWhen(edge: TestEdge, newId: string, check: (instance: any) => boolean, what = 'the replacement'): Promise<any> {
  return eventually(async () => {
    const found = await edge.call('GET', `/api/admin/orchestrators/contract-replacement/instances/${newId}`, { as: 'admin' });
    return found.status === 200 && check(found.body) ? found.body : undefined;
  }, 15_000, what);
}

/** Billing has the contract (its ContractApproved arrived) with this end. */
export async function billingKnows(edge: TestEdge, id: string): Promise<void> {
  await eventually(async () => {
    const bills = await edge.expect(200, 'GET', `${base}/bills?contractId=${id}`, { as: 'admin' });
    return bills.length > 0 ? true : undefined;
  }, 15_000, 'the first bill');
}
