import { createEvent } from '../../../../actors/mod.ts';
import type { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';
import { augustus, base, contractWhen, inSync } from '../sales-helpers.ts';
import { testInternals } from '../../../../actors/testing.ts';

export { augustus, base };

export interface SubscriptionOptions {
  holder?: string;
  quantity?: 5 | 10 | 20;
  start?: string;
  autoExtend?: boolean;
  productId?: string;
}

/** A RUNNING contract (a MILKSHAKE_SUBSCRIPTION by default) drafted by john.smith for `holder`, accepted, approved where it must be. */
export async function runningContract(edge: TestEdge, options: SubscriptionOptions = {}): Promise<string> {
  const { holder = augustus, quantity = 5, start = '2026-06-01', autoExtend, productId = 'MILKSHAKE_SUBSCRIPTION' } = options;
  const draft = await edge.expect(201, 'POST', `${base}/drafts`, {
    as: 'john.smith', body: { productId, start, partnerId: holder, ...(autoExtend === undefined ? {} : { autoExtend }) },
  });
  const id = draft.contract.id as string;
  let syncTimestamp = draft.contract.syncTimestamp as string;
  if (quantity !== 10) {
    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: 'CardboardBox1', name: 'QUANTITY', value: quantity } });
    syncTimestamp = changed.contract.syncTimestamp;
  }
  await contractWhen(edge, id, (d) => inSync(d) && d.contract.syncTimestamp === syncTimestamp);
  await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
  const accepted = await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: holder });
  if (accepted.contract.state === 'AWAITING_APPROVAL') await edge.expect(200, 'POST', `${base}/contracts/${id}/approve`, { as: 'john.smith' });
  return id;
}

export function requisition(edge: TestEdge, contractId: string, body: { requisitionId: string; quantity: number; deliverBy: string }, as = augustus) {
  return edge.call('POST', `${base}/contracts/${contractId}/requisitions`, { as, body });
}

export async function requisitionWhen(edge: TestEdge, requisitionId: string, check: (r: any) => boolean, what = `requisition ${requisitionId}`, timeout = 20_000): Promise<any> {
  let last: any;
  try {
    return await eventually(async () => {
      last = await edge.expect(200, 'GET', `${base}/requisitions/${requisitionId}`, { as: 'john.smith' });
      return check(last) ? last : undefined;
    }, timeout, what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; it was ${JSON.stringify(last)}`);
  }
}

export const final = (r: any) => r.state !== 'PENDING';

export async function quotaOf(edge: TestEdge, contractId: string): Promise<{ total: number; claimed: number }> {
  return (await edge.expect(200, 'GET', `${base}/contracts/${contractId}`, { as: 'john.smith' })).contract.quota;
}

export function deliveries(edge: TestEdge, contractId: string, as = 'john.smith'): Promise<any[]> {
  return edge.expect(200, 'GET', `${base}/deliveries?contractId=${contractId}`, { as });
}

export function queueOf(edge: TestEdge, service: string): string {
  return `${edge.namespace}.milk-factory.${service}`;
}

export async function pause(edge: TestEdge, service: string): Promise<void> {
  await edge.expect(200, 'POST', `/api/admin/actors/${encodeURIComponent(queueOf(edge, service))}/pause`, { as: 'admin' });
}

export async function resume(edge: TestEdge, service: string): Promise<void> {
  await edge.expect(200, 'POST', `/api/admin/actors/${encodeURIComponent(queueOf(edge, service))}/resume`, { as: 'admin' });
}

/**
 * `ContractTerminated` as termination publishes it: the reactions tested here are to the event. Through
 * REST a subscription ends only from its billed-to day on (its year is billed in advance: `409 already
 * billed up to <day>`), so the event lets a test end one mid-year.
 */
export async function publishTermination(edge: TestEdge, contractId: string, end: string): Promise<void> {
  await testInternals(edge.system).bus.publish('milk-factory', createEvent('ContractTerminated', { contractId, end }, { source: 'test-termination' }));
}
