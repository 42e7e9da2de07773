import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { completed, jobWhen, run, tableOf } from '../billing/billing-helpers.ts';
import { eventually } from '../../../support/wait.ts';
import { augustus, base, contractWhen, tiberius } from '../sales-helpers.ts';
import { billingKnows, offeredDraft, replacementWhen, runningContract, stateOf } from './lifecycle-helpers.ts';

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-replace', [milkfactoryLandscape], { timeScale: 0.2 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

const replace = (id: string, body: unknown, as = 'john.smith') => edge.call('POST', `${base}/contracts/${id}/replace`, { as, body });

describe('replacement (spec: POST /contracts/<id>/replace {productId?, start}, the contract-replacement orchestrator)', () => {
  it('a new draft with the old tree and configs; the old contract is terminated exactly when the new one is approved, then ContractReplaced', async () => {
    const oldId = await runningContract(edge, { start: '2023-01-01', quantity: 5 });
    const stream = await edge.stream('milk-factory', '', { as: augustus });
    const otherStream = await edge.stream('milk-factory', '', { as: tiberius });
    const answer = await replace(oldId, { start: '2023-07-01' });
    expect(answer.status).toBe(201);
    const newId = answer.body.contract.id as string;
    expect(answer.body.contract).toMatchObject({ state: 'DRAFT', productId: 'COOKIES_MILKSHAKE', start: '2023-07-01', end: '2025-06-20', replaces: oldId });
    const old = await edge.expect(200, 'GET', `${base}/contracts/${oldId}`, { as: 'john.smith' });
    expect(answer.body.components.map((c: any) => [c.path, c.configs])).toEqual(old.components.map((c: any) => [c.path, c.configs]));
    expect(old.contract).toMatchObject({ state: 'RUNNING', replacementId: newId });
    expect(old.components.find((c: any) => c.path === 'CardboardBox1').configs.find((c: any) => c.name === 'QUANTITY').value).toBe('5');
    const drafted = await stream.waitForMessage((m) => m.type === 'ReplacementDrafted', 'ReplacementDrafted on the holder\'s stream');
    expect(drafted.data).toEqual({ contractId: oldId, replacementId: newId, start: '2023-07-01' });

    // A second replacement while this one is in progress: 409.
    const second = await replace(oldId, { start: '2023-08-01' });
    expect(second.status).toBe(409);
    expect(second.body.detail).toBe(`Contract ${oldId} already has a replacement in progress: ${newId}`);

    // The holder follows the new draft (the holder and sales rep come as for any draft); make it need approval.
    await contractWhen(edge, newId, (d) => d.relationships.length >= 2, augustus);
    await edge.expect(200, 'PUT', `${base}/drafts/${newId}/config`, { as: 'john.smith', body: { path: 'CardboardBox1', name: 'QUANTITY', value: 10 } });
    await offeredDraft(edge, newId, 10);
    expect((await edge.expect(200, 'POST', `${base}/contracts/${newId}/accept`, { as: augustus })).contract.state).toBe('AWAITING_APPROVAL');
    await replacementWhen(edge, newId, (i) => i.state === 'AWAITING_APPROVAL');
    // Accepted but not approved: the old contract is untouched.
    expect(await stateOf(edge, oldId)).toEqual({ state: 'RUNNING', end: '2024-12-21', replacementId: newId });
    expect(stream.messages.filter((m) => m.type === 'ContractTerminated' || m.type === 'ContractReplaced')).toEqual([]);

    await edge.expect(200, 'POST', `${base}/contracts/${newId}/approve`, { as: 'john.smith' });
    const replaced = await stream.waitForMessage((m) => m.type === 'ContractReplaced', 'ContractReplaced on the holder\'s stream', 15_000);
    expect(replaced.data).toEqual({ oldId, newId });
    const terminated = stream.messages.find((m) => m.type === 'ContractTerminated' && m.data.contractId === oldId);
    expect(terminated?.data).toEqual({ contractId: oldId, end: '2023-06-30', replacedBy: newId });
    expect(await stateOf(edge, oldId)).toMatchObject({ state: 'TERMINATED', end: '2023-06-30' });
    expect((await stateOf(edge, newId)).state).toBe('RUNNING');
    const instance = await replacementWhen(edge, newId, (i) => i.state === 'COMPLETED');
    expect(instance.history.map((h: any) => h.messageType)).toEqual(['StartContractReplacement', 'ContractApproved', 'ContractTerminated']);
    expect(otherStream.messages.filter((m) => ['ContractReplaced', 'ContractTerminated', 'ReplacementDrafted'].includes(m.type))).toEqual([]);
    // Replaced is final.
    expect((await replace(oldId, { start: '2023-08-01' })).status).toBe(409);
  });

  it('a deleted replacement draft leaves the old contract untouched, and it may be replaced again', async () => {
    const oldId = await runningContract(edge, { start: '2023-02-01', quantity: 5 });
    const before = await edge.expect(200, 'GET', `${base}/contracts/${oldId}`, { as: 'john.smith' });
    const newId = (await edge.expect(201, 'POST', `${base}/contracts/${oldId}/replace`, { as: augustus, body: { start: '2023-09-01' } })).contract.id as string;
    await replacementWhen(edge, newId, (i) => i.state === 'AWAITING_APPROVAL');
    const oldPage = await edge.stream('milk-factory', `?contractId=${oldId}`, { as: augustus });
    expect((await edge.call('DELETE', `${base}/drafts/${newId}`, { as: tiberius })).status).toBe(403);
    expect((await edge.call('DELETE', `${base}/drafts/${newId}`, { as: augustus })).status).toBe(204);
    expect((await edge.call('GET', `${base}/contracts/${newId}`, { as: 'john.smith' })).status).toBe(404);
    await replacementWhen(edge, newId, (i) => i.state === 'CANCELLED');
    // The old contract's page hears of it (DraftDeleted names what the draft replaces).
    expect((await oldPage.waitForMessage((m) => m.type === 'DraftDeleted', 'DraftDeleted on the old contract\'s stream')).data).toEqual({ contractId: newId, replaces: oldId, partnerId: augustus });
    const after = await edge.expect(200, 'GET', `${base}/contracts/${oldId}`, { as: 'john.smith' });
    expect(after.contract).toEqual({ ...before.contract, replacementId: null });
    expect(after.contract.state).toBe('RUNNING');
    expect((await edge.call('DELETE', `${base}/drafts/${newId}`, { as: 'john.smith' })).status).toBe(404);
    // No longer in progress: another replacement may start.
    expect((await replace(oldId, { start: '2023-09-01' })).status).toBe(201);
  });

  it('a replacement whose old contract ended meanwhile fails with the reason; the old contract keeps its own end', async () => {
    const oldId = await runningContract(edge, { start: '2023-03-01', quantity: 5 });
    const newId = (await edge.expect(201, 'POST', `${base}/contracts/${oldId}/replace`, { as: 'john.smith', body: { start: '2023-10-01' } })).contract.id as string;
    await edge.expect(200, 'POST', `${base}/contracts/${oldId}/terminate`, { as: 'john.smith', body: { date: '2023-08-31' } });
    await offeredDraft(edge, newId, 5);
    expect((await edge.expect(200, 'POST', `${base}/contracts/${newId}/accept`, { as: augustus })).contract.state).toBe('RUNNING');
    const failed = await replacementWhen(edge, newId, (i) => i.state === 'FAILED');
    expect(failed.context.reason).toBe(`Contract ${oldId} is TERMINATED, not RUNNING`);
    expect(await stateOf(edge, oldId)).toMatchObject({ state: 'TERMINATED', end: '2023-08-31' });
  });

  it('a replacement whose old contract was billed past the new start meanwhile fails with "already billed up to <day>"; the old one runs on and may be replaced again', async () => {
    const oldId = await runningContract(edge, { start: '2023-08-01', quantity: 5 });
    await billingKnows(edge, oldId);
    const newId = (await edge.expect(201, 'POST', `${base}/contracts/${oldId}/replace`, { as: 'john.smith', body: { start: '2023-08-03' } })).contract.id as string;
    await jobWhen(edge, (await run(edge, '2023-08-05')).jobId, completed);
    // contracts' own copy of the billed-to day (from BillCreated) is what the orchestrated termination checks.
    await eventually(async () => {
      const [row] = await sql.unsafe(`select billed_to from ${tableOf(edge.namespace, 'contracts', 'contracts')} where id = $1`, [oldId]);
      return row?.billed_to === '2023-08-05' ? true : undefined;
    }, 10_000, 'contracts\' billed-to copy');
    await offeredDraft(edge, newId, 5);
    await edge.expect(200, 'POST', `${base}/contracts/${newId}/accept`, { as: augustus });
    const failed = await replacementWhen(edge, newId, (i) => i.state === 'FAILED');
    expect(failed.context.reason).toBe('already billed up to 2023-08-05');
    expect(await stateOf(edge, oldId)).toEqual({ state: 'RUNNING', end: '2025-07-21', replacementId: null });
    expect((await replace(oldId, { start: '2023-09-01' })).status).toBe(201);
  });

  it('answers 400 for bad input, a start that would not end the old contract within its days, or a tree the product refuses; 409 when billed past; 401/403/404', async () => {
    const oldId = await runningContract(edge, { start: '2023-04-01', quantity: 5 });
    await billingKnows(edge, oldId);
    for (const body of [{}, { start: 'x' }, { start: '2023-05-01', extra: 1 }, { start: '2023-04-01' }, { start: '2025-03-23' }, { productId: 'NO_SUCH', start: '2023-05-01' }, { productId: 'COFFEE_LATTE_SKINNY', start: '2023-05-01' }]) {
      const answer = await replace(oldId, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await edge.call('POST', `${base}/contracts/${oldId}/replace`, { body: { start: '2023-05-01' } })).status).toBe(401);
    expect((await replace(oldId, { start: '2023-05-01' }, tiberius)).status).toBe(403);
    expect((await replace(oldId, { start: '2023-05-01' }, 'janet.smith')).status).toBe(403);
    expect((await replace('no-such-contract', { start: '2023-05-01' })).status).toBe(404);
    await jobWhen(edge, (await run(edge, '2023-04-05')).jobId, completed);
    const billed = await replace(oldId, { start: '2023-04-05' });
    expect([billed.status, billed.body.detail]).toEqual([409, 'already billed up to 2023-04-05']);
    expect(await stateOf(edge, oldId)).toEqual({ state: 'RUNNING', end: '2025-03-21', replacementId: null });
    // A draft is no RUNNING contract; a RUNNING contract is no draft to delete.
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-06-01', partnerId: augustus } });
    expect((await replace(draft.contract.id, { start: '2023-07-01' })).status).toBe(409);
    expect((await edge.call('DELETE', `${base}/drafts/${oldId}`, { as: 'john.smith' })).status).toBe(409);
  });
});
