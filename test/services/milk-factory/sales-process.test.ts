import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { augustus, base, contractWhen, rootTotal } from './sales-helpers.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await TestEdge.start('mf-sales', [milkfactoryLandscape], { timeScale: 0.05 }); });
afterAll(() => edge?.cleanup());

describe('the sales process through REST and SSE', () => {
  it('draft → change fat → discounts and prices arrive → offer → accept → approval task → approve → RUNNING', async () => {
    const session = 'tab-sales-1';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`);
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', sessionId: session, body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } });
    expect(draft.contract).toMatchObject({ productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', end: '2024-12-21', state: 'DRAFT', createdBy: 'john.smith' });
    const id = draft.contract.id as string;

    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', sessionId: session, body: { path: 'CardboardBox1->Drink1->Milk1', name: 'FAT_CONTENT', value: 3.5 } });
    expect(changed.contract.syncTimestamp > draft.contract.syncTimestamp).toBe(true);
    const prices = await stream.waitForMessage((m) => m.type === 'PricesUpdated' && m.data.syncTimestamp === changed.contract.syncTimestamp, 'PricesUpdated for the change');
    for (const type of ['Draft', 'DiscountsSurchargesAdded', 'PartnerRelationshipChanged', 'CaseChanged']) {
      await stream.waitForMessage((m) => m.type === type, type);
    }
    const milk = changed.components.find((c: any) => c.path === 'CardboardBox1->Drink1->Milk1');
    expect((prices.data as any).priceByComponentId[milk.id]).toEqual({ total: '4.47', tax: '0.32' });

    const ready = await contractWhen(edge, id, (d) => d.contract.pricesSyncTimestamp === changed.contract.syncTimestamp && d.relationships.length === 2);
    expect(ready.relationships.map((r: any) => [r.role, r.partnerId]).sort()).toEqual([['CONTRACT_HOLDER', augustus], ['SALES_REP', '180000001']]);
    // Milk 4.47 (tax 0.32): Drink 5.02 (tax 0.36), box 50.33 (tax 3.61) → (50.33 − 3.61) × 0.95 = 44.384 → 44.38 + 3.42
    expect(rootTotal(ready)).toBe('47.80');
    expect(ready.discounts).toEqual([expect.objectContaining({ definitionId: 'CM_Q_GE_10', value: '-0.05', addedManually: false })]);

    const offered = await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith', sessionId: session });
    expect(offered.contract.state).toBe('OFFERED');

    const accepted = await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: augustus });
    expect(accepted.contract.state).toBe('AWAITING_APPROVAL');
    const withTask = await contractWhen(edge, id, (d) => d.tasks.length === 1, augustus, 'the approval task');
    expect(withTask.tasks[0]).toMatchObject({ userId: 'john.smith', title: 'Approve Contract', action: 'APPROVE_CONTRACT', state: 'OPEN', params: { contractId: id } });
    const mine = await edge.expect(200, 'GET', `${base}/tasks?state=OPEN`, { as: 'john.smith' });
    expect(mine.some((t: any) => t.params.contractId === id)).toBe(true);

    const approved = await edge.expect(200, 'POST', `${base}/contracts/${id}/approve`, { as: 'john.smith' });
    expect(approved.contract).toMatchObject({ state: 'RUNNING', approvedBy: 'john.smith' });
    const done = await contractWhen(edge, id, (d) => d.tasks[0]?.state === 'DONE', 'john.smith', 'the task done');
    expect(done.contract.state).toBe('RUNNING');
  });
});
