import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { augustus, contractWhen, inSync, tiberius } from '../sales-helpers.ts';
import { base, billsOfJob, completed, jobWhen, run } from './billing-helpers.ts';

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-first-bill', [milkfactoryLandscape], { timeScale: 0.2 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

describe('the first bill (spec: ContractApproved → a job of one group billing its start day)', () => {
  it('an auto-approved milkshake of QUANTITY 5 gets its start day billed at 24.33; the approving session gets BillingJobCompleted', async () => {
    const session = 'tab-customer-accepts';
    // A session's stream is its owner's (the customer who accepts).
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: augustus });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-10', partnerId: augustus } });
    const id = draft.contract.id as string;
    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: 'CardboardBox1', name: 'QUANTITY', value: 5 } });
    await contractWhen(edge, id, (d) => inSync(d) && d.contract.syncTimestamp === changed.contract.syncTimestamp);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
    const contractStream = await edge.stream('milk-factory', `?contractId=${id}`);
    // Who reads billing events on the stream: as over REST (GET /bills: holder, SALES_REP, ADMIN; runs: ADMIN).
    const holderStream = await edge.stream('milk-factory', '', { as: augustus });
    const otherCustomerStream = await edge.stream('milk-factory', '', { as: tiberius });
    const consultantStream = await edge.stream('milk-factory', '', { as: 'janet.smith' });
    const accepted = await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: augustus, sessionId: session });
    expect(accepted.contract.state).toBe('RUNNING');

    const completion = await stream.waitForMessage((m) => m.type === 'BillingJobCompleted', 'BillingJobCompleted on the approving session', 15_000);
    expect(completion.data).toMatchObject({ contracts: 1, bills: 1 });
    const jobId = completion.data.jobId as string;
    const job = await jobWhen(edge, jobId, completed);
    expect(job).toMatchObject({ date: '2023-01-10', counters: { contracts: 1, groups: 1, completedGroups: 1, failedGroups: 0, bills: 1 } });
    expect(await billsOfJob(sql, edge.namespace, jobId)).toBe(1);

    const created = await contractStream.waitForMessage((m) => m.type === 'BillCreated', 'BillCreated on the contract\'s stream');
    expect(created.data).toMatchObject({ contractId: id, from: '2023-01-10', to: '2023-01-10', price: '24.33' });
    expect(created.metadata).not.toHaveProperty('billingStep'); // a bill is not the answer to the group's step
    await holderStream.waitForMessage((m) => m.type === 'BillCreated' && m.data.contractId === id, 'BillCreated on the holder\'s stream');
    expect(holderStream.messages.filter((m) => m.type === 'BillingJobChanged' || m.type === 'BillingGroupChanged')).toEqual([]);
    for (const outsider of [otherCustomerStream, consultantStream]) {
      expect(outsider.messages.filter((m) => m.type.startsWith('Bill'))).toEqual([]);
    }
    const detail = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: augustus });
    expect(detail.bills).toEqual([{ billId: created.data.billId, contractId: id, from: '2023-01-10', to: '2023-01-10', price: '24.33', createdAt: expect.any(String) }]);

    // GET /bills: the holder, a sales rep, an admin; not another customer, nor staff without SALES_REP.
    for (const reader of [augustus, 'john.smith', 'jane.smith', 'admin']) {
      const bills = await edge.expect(200, 'GET', `${base}/bills?contractId=${id}`, { as: reader });
      expect(bills.map((b: any) => b.billId), reader).toEqual([created.data.billId]);
    }
    for (const outsider of [tiberius, 'janet.smith']) expect((await edge.call('GET', `${base}/bills?contractId=${id}`, { as: outsider })).status, outsider).toBe(403);
    expect((await edge.call('GET', `${base}/bills?contractId=${id}`)).status).toBe(401);

    // A later run bills on from the day after the first bill.
    const later = await run(edge, '2023-01-12');
    expect((await jobWhen(edge, later.jobId, completed)).counters.bills).toBeGreaterThanOrEqual(2);
    const all = await edge.expect(200, 'GET', `${base}/bills?contractId=${id}`, { as: augustus });
    expect(all.map((b: any) => b.from)).toEqual(['2023-01-10', '2023-01-11', '2023-01-12']);
  });

  it('a contract approved by its sales rep is billed on approval (46.06), BillingJobCompleted to the approving session', async () => {
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-02-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
    expect((await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: augustus })).contract.state).toBe('AWAITING_APPROVAL');
    const session = 'tab-rep-approves';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    await edge.expect(200, 'POST', `${base}/contracts/${id}/approve`, { as: 'john.smith', sessionId: session });
    const completion = await stream.waitForMessage((m) => m.type === 'BillingJobCompleted', 'BillingJobCompleted', 15_000);
    expect(completion.data).toMatchObject({ contracts: 1, bills: 1 });
    const detail = await contractWhen(edge, id, (d) => d.bills.length === 1);
    expect(detail.bills[0]).toMatchObject({ from: '2023-02-01', to: '2023-02-01', price: '46.06' });
  });
});
