import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { eventually } from '../../support/wait.ts';
import { augustus, base, contractWhen, idAt, inSync, rootTotal } from './sales-helpers.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await TestEdge.start('mf-sales', [milkfactoryLandscape], { timeScale: 0.05 }); });
afterAll(() => edge?.cleanup());

describe('the sales process through REST and SSE', () => {
  it('draft → change fat → discounts and prices arrive → offer → accept → approval task → approve → RUNNING', async () => {
    const session = 'tab-sales-1';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
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

  it('auto-approves a small contract: QUANTITY 5 → 24.33 → RUNNING by auto-approval-user, with ContractApproved and OfferAccepted', async () => {
    const session = 'tab-sales-auto';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', sessionId: session, body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', sessionId: session, body: { path: 'CardboardBox1', name: 'QUANTITY', value: 5 } });
    const ready = await contractWhen(edge, id, (d) => inSync(d) && d.contract.syncTimestamp === changed.contract.syncTimestamp);
    expect(rootTotal(ready)).toBe('24.33');
    expect(ready.discounts).toEqual([]);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith', sessionId: session });
    // The customer accepts in a tab of their own: that session's stream is theirs.
    const customerSession = await edge.stream('milk-factory', `?sessionId=${session}-customer`, { as: augustus });
    const accepted = await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: augustus, sessionId: `${session}-customer` });
    expect(accepted.contract).toMatchObject({ state: 'RUNNING', approvedBy: 'auto-approval-user', acceptedBy: augustus, totalPrice: '24.33' });
    const approvedEvent = await customerSession.waitForMessage((m) => m.type === 'ContractApproved', 'ContractApproved');
    const acceptedEvent = await customerSession.waitForMessage((m) => m.type === 'OfferAccepted', 'OfferAccepted');
    expect(stream.messages.filter((m) => m.type === 'OfferAccepted')).toEqual([]); // john's session did not cause it
    expect((approvedEvent.data as any).contract.id).toBe(id);
    expect((acceptedEvent.data as any).contract.state).toBe('RUNNING');
    expect((await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: augustus })).tasks).toEqual([]);
  });

  it('prices a latte box at 51.23 and keeps a manual discount through later changes', async () => {
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COFFEE_LATTE_SKINNY', start: '2021-02-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    expect(draft.contract.end).toBe('2022-02-26');
    const ready = await contractWhen(edge, id, inSync);
    expect(rootTotal(ready)).toBe('51.23');

    const discounted = await edge.expect(200, 'PUT', `${base}/drafts/${id}/discount`, { as: 'john.smith', body: { path: 'CardboardBox1->Drink1->Milk1', value: 0.1 } });
    expect(discounted.discounts).toEqual([{ componentId: idAt(ready, 'CardboardBox1->Drink1->Milk1'), definitionId: 'MANUAL', value: '-0.1', addedManually: true }]);
    // Milk 4.29 → (4.29 − 0.31) × 0.9 = 3.582 → 3.58 + 0.28 = 3.86: Drink 4.68, box 46.93
    await contractWhen(edge, id, (d) => rootTotal(d) === '46.93', 'john.smith', 'the discounted price');

    const more = await edge.expect(200, 'POST', `${base}/drafts/${id}/components`, { as: 'john.smith', body: { path: 'CardboardBox1->Drink1->VanillaSugar2' } });
    expect(more.components.map((c: any) => c.path)).toContain('CardboardBox1->Drink1->VanillaSugar3');
    const after = await contractWhen(edge, id, (d) => inSync(d) && d.contract.syncTimestamp === more.contract.syncTimestamp);
    expect(after.discounts).toEqual([expect.objectContaining({ definitionId: 'MANUAL', value: '-0.1', addedManually: true })]);
    expect(rootTotal(after)).toBe('46.93');

    const removed = await edge.expect(200, 'DELETE', `${base}/drafts/${id}/components?path=${encodeURIComponent('CardboardBox1->Drink1->VanillaSugar1')}`, { as: 'john.smith' });
    expect(removed.components.filter((c: any) => c.componentDefinitionId === 'VanillaSugar').map((c: any) => c.path)).toEqual(['CardboardBox1->Drink1->VanillaSugar2', 'CardboardBox1->Drink1->VanillaSugar3']);
  });

  it('refuses changes that break the product rules with the spec messages, over REST, storing nothing', async () => {
    const latte = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COFFEE_LATTE_SKINNY', start: '2022-01-01' } });
    const id = latte.contract.id as string;
    const refusals: Array<[string, string, unknown, string]> = [
      ['PUT', `/drafts/${id}/config`, { path: 'CardboardBox1->Drink1->Milk1', name: 'FAT_CONTENT', value: 7 }, 'Component configuration value 7 is not in the permitted set of values [0.2, 1.4, 1.8, 3.5] at path CardboardBox1->Drink1->Milk1'],
      ['PUT', `/drafts/${id}/config`, { path: 'CardboardBox1->Drink1->Milk1', name: 'FAT_CONTENT', value: 1.8 }, 'Rule evaluated to false: FAT_CONTENT <= 1.5 at path CardboardBox1->Drink1->Milk1'],
      ['DELETE', `/drafts/${id}/components?path=${encodeURIComponent('CardboardBox1->Drink1->Milk1')}`, undefined, 'too few kids of type Milk in path CardboardBox1->Drink1'],
    ];
    for (let i = 0; i < 4; i++) await edge.expect(200, 'POST', `${base}/drafts/${id}/components`, { as: 'john.smith', body: { path: 'CardboardBox1->Drink1->VanillaSugar1' } });
    refusals.push(['POST', `/drafts/${id}/components`, { path: 'CardboardBox1->Drink1->VanillaSugar1' }, 'too many kids of type VanillaSugar in path CardboardBox1->Drink1']);
    const before = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: 'john.smith' });
    for (const [method, path, body, detail] of refusals) {
      const { status, body: problem } = await edge.call(method, `${base}${path}`, { as: 'john.smith', ...(body === undefined ? {} : { body }) });
      expect([status, problem.detail]).toEqual([400, detail]);
    }
    const after = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: 'john.smith' });
    expect(after.components).toEqual(before.components);
    expect(after.contract.syncTimestamp).toBe(before.contract.syncTimestamp);

    for (const body of [{ productId: 'BANANA_SPLIT', start: '2023-01-01' }, { productId: 'COOKIES_MILKSHAKE', start: '2020-09-30' }]) {
      const { status, body: problem } = await edge.call('POST', `${base}/drafts`, { as: 'john.smith', body });
      expect([status, problem.detail]).toEqual([400, 'No matching contract definition - try a different date or product']);
    }
    expect((await edge.call('POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: 'soon', extra: 1 } })).status).toBe(400);
  });

  it('refuses an offer without a CONTRACT_HOLDER, and any change once offered', async () => {
    const noHolder = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01' } });
    await contractWhen(edge, noHolder.contract.id, (d) => d.contract.pricesSyncTimestamp === d.contract.syncTimestamp);
    const refused = await edge.call('POST', `${base}/drafts/${noHolder.contract.id}/offer`, { as: 'john.smith' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/CONTRACT_HOLDER/);
    // The holder chosen afterwards (once): then the offer goes through.
    expect((await edge.call('PUT', `${base}/drafts/${noHolder.contract.id}/partner`, { as: 'john.smith', body: { partnerId: augustus } })).status).toBe(202);
    await contractWhen(edge, noHolder.contract.id, inSync, 'john.smith', 'the holder and sales rep');
    expect((await edge.call('PUT', `${base}/drafts/${noHolder.contract.id}/partner`, { as: 'john.smith', body: { partnerId: augustus } })).status).toBe(409);
    await edge.expect(200, 'POST', `${base}/drafts/${noHolder.contract.id}/offer`, { as: 'john.smith' });

    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
    const changes: Array<[string, string, unknown]> = [
      ['PUT', `/drafts/${id}/config`, { path: 'CardboardBox1', name: 'QUANTITY', value: 5 }],
      ['POST', `/drafts/${id}/components`, { path: 'CardboardBox1->Drink1->Cookies1->Sugar1' }],
      ['POST', `/drafts/${id}/offer`, undefined],
      ['POST', `/drafts/${id}/resync`, undefined],
      ['POST', `/contracts/${id}/approve`, undefined],
    ];
    for (const [method, path, body] of changes) {
      expect((await edge.call(method, `${base}${path}`, { as: 'john.smith', ...(body === undefined ? {} : { body }) })).status, path).toBe(409);
    }
    await eventually(async () => (await edge.call('PUT', `${base}/drafts/${id}/discount`, { as: 'john.smith', body: { path: 'CardboardBox1', value: 0.1 } })).status === 409, 10_000, 'dsc knows it is offered');
    expect((await edge.call('GET', `${base}/contracts/nope`, { as: 'john.smith' })).status).toBe(404);
  });

  it('refuses an offer whose prices are missing or stale (409), and takes it once pricing caught up', async () => {
    const pricing = edge.system.operations.mailboxes.find((m) => m.actor.service === 'pricing')!.queue;
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    await edge.system.operations.pause(pricing);
    try {
      const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: 'CardboardBox1', name: 'QUANTITY', value: 5 } });
      await contractWhen(edge, id, (d) => d.contract.discountsSyncTimestamp === changed.contract.syncTimestamp, 'john.smith', 'dsc re-stamped');
      const stale = await edge.call('POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
      expect(stale.status).toBe(409);
      expect(stale.body.detail).toMatch(/^Pricing is not in sync with the contract/);
    } finally {
      await edge.system.operations.resume(pricing);
    }
    await contractWhen(edge, id, inSync);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
  });
});
