import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { sleep } from '../../../support/wait.ts';
import { base, billedDays, billsOfJob, completed, days, jobWhen, run, seedContracts } from './billing-helpers.ts';

// TIME_SCALE 0.1: a step's 30 s without an answer is 3 s (long enough that a busy machine
// answers in time where the tests expect an answer).
let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-billing-fail', [milkfactoryLandscape], { timeScale: 0.1, allowForcedErrors: true }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

const retry = (groupId: string) => edge.call('POST', `${base}/billing/groups/${groupId}/retry`, { as: 'admin' });
const failedGroups = (job: any) => job.groups.filter((g: any) => g.state === 'FAILED');

describe('billing failures (spec: a failed step splits a group, a single one waits for a retry)', () => {
  it('a business error at pricing splits a group of three into three single groups that fail; retrying each completes the job, every day billed once', async () => {
    const ids = ['f-1', 'f-2', 'f-3'];
    await seedContracts(sql, edge.namespace, ids.map((id) => ({ id, start: '2023-08-01', end: '2023-08-02' })));
    const session = 'tab-billing-admin';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`);
    const board = await edge.stream('milk-factory', '?type=BillingJobChanged,BillingGroupChanged');
    const started = await run(edge, '2023-08-02', { sessionId: session, headers: { 'x-force-error': 'business@milk-factory.pricing' } });
    expect(started).toMatchObject({ contracts: 3, groups: 1 });

    const failed = await jobWhen(edge, started.jobId, (j) => failedGroups(j).length === 3 && j.counters.failedGroups === 3, 'three failed single groups');
    const parent = failed.groups.find((g: any) => g.contracts === 3);
    expect(parent).toMatchObject({ state: 'SPLIT', step: 'READ_PRICE', failedReason: 'forced business error in milk-factory.pricing' });
    expect(failedGroups(failed)).toEqual(ids.map((id) => expect.objectContaining({
      state: 'FAILED', step: 'READ_PRICE', contracts: 1, contractId: id, splitFrom: parent.groupId, failedReason: 'forced business error in milk-factory.pricing',
    })));
    expect(failed).toMatchObject({ state: 'RUNNING', counters: { contracts: 3, groups: 3, completedGroups: 0, failedGroups: 3, bills: 0 } });
    expect(await billedDays(sql, edge.namespace, ids)).toEqual([]);

    // Retrying a group that is not FAILED (the split parent) is a conflict.
    expect((await retry(parent.groupId)).status).toBe(409);
    for (const group of failedGroups(failed)) {
      const answer = await retry(group.groupId);
      expect([answer.status, answer.body.groupId]).toEqual([202, group.groupId]);
      expect((await retry(group.groupId)).status).toBe(409); // already restarted: not FAILED now
    }
    const done = await jobWhen(edge, started.jobId, completed, 'the job completed after the retries');
    expect(done.counters).toEqual({ contracts: 3, groups: 3, completedGroups: 3, failedGroups: 0, bills: 6 });
    expect(await billsOfJob(sql, edge.namespace, started.jobId)).toBe(6);
    expect(await billedDays(sql, edge.namespace, ids)).toEqual(ids.flatMap((id) => days('2023-08-01', '2023-08-02').map((d) => [id, d])));
    expect((await retry(failedGroups(failed)[0].groupId)).status).toBe(409);

    // The session that started the job gets BillingJobCompleted, though admins retried from other requests.
    const completion = await stream.waitForMessage((m) => m.type === 'BillingJobCompleted', 'BillingJobCompleted');
    expect(completion.data).toEqual({ jobId: started.jobId, contracts: 3, bills: 6 });
    const changes = board.messages.filter((m) => m.type === 'BillingGroupChanged' && m.data.jobId === started.jobId);
    expect(changes.some((m) => m.data.state === 'FAILED' && m.data.step === 'READ_PRICE' && m.data.splitFrom === parent.groupId)).toBe(true);
    expect(board.messages.some((m) => m.type === 'BillCreated')).toBe(false);
    const last = board.messages.filter((m) => m.type === 'BillingJobChanged' && m.data.jobId === started.jobId).at(-1)!;
    expect(last.data).toEqual({ jobId: started.jobId, state: 'COMPLETED', counters: done.counters });
  });

  it('a business error at BILL: the single groups start again at BILL with the prices read, and bill once after a retry', async () => {
    const ids = ['fb-1', 'fb-2'];
    await seedContracts(sql, edge.namespace, ids.map((id) => ({ id, start: '2023-08-05', end: '2023-08-07' })));
    const started = await run(edge, '2023-08-07', { headers: { 'x-force-error': 'business@milk-factory.billing' } });
    const failed = await jobWhen(edge, started.jobId, (j) => failedGroups(j).length === 2, 'two failed single groups');
    expect(failedGroups(failed).map((g: any) => [g.step, g.failedReason])).toEqual([['BILL', 'forced business error in milk-factory.billing'], ['BILL', 'forced business error in milk-factory.billing']]);
    for (const group of failedGroups(failed)) expect((await retry(group.groupId)).status).toBe(202);
    const done = await jobWhen(edge, started.jobId, completed);
    expect(done.counters.bills).toBe(6);
    expect(await billedDays(sql, edge.namespace, ids)).toEqual(ids.flatMap((id) => days('2023-08-05', '2023-08-07').map((d) => [id, d])));
  });

  it('a step with no answer within 30 s (scaled) fails: a group of two splits, a single one is FAILED; a late answer is ignored', async () => {
    const pricing = edge.system.operations.mailboxes.find((m) => m.actor.service === 'pricing')!.queue;
    await seedContracts(sql, edge.namespace, [{ id: 't-solo', start: '2023-09-01', end: '2023-09-01', productId: 'COFFEE_LATTE_SKINNY' },
      ...['t-1', 't-2'].map((id) => ({ id, start: '2023-09-01', end: '2023-09-01' }))]);
    await edge.system.operations.pause(pricing);
    let started: any;
    try {
      started = await run(edge, '2023-09-01');
      expect(started).toMatchObject({ contracts: 3, groups: 2 });
      const timedOut = await jobWhen(edge, started.jobId, (j) => j.groups.some((g: any) => g.state === 'SPLIT') && failedGroups(j).length >= 1, 'the timeouts', 15_000);
      const solo = timedOut.groups.find((g: any) => g.contractId === 't-solo');
      expect(solo).toMatchObject({ state: 'FAILED', step: 'READ_PRICE', failedReason: 'no answer to ReadPrices within 30 s' });
      expect(timedOut.groups.find((g: any) => g.contracts === 2)).toMatchObject({ state: 'SPLIT', step: 'READ_PRICE', failedReason: 'no answer to ReadPrices within 30 s' });
    } finally {
      await edge.system.operations.resume(pricing);
    }
    // Pricing answers now: the split children (started again at READ_PRICE) complete; the failed
    // single group ignores the answer to its timed-out attempt and waits for a retry.
    const children = await jobWhen(edge, started.jobId, (j) => j.groups.filter((g: any) => g.splitFrom && g.state === 'COMPLETED').length === 2, 'the split children completed');
    await sleep(300);
    const solo = (await edge.expect(200, 'GET', `${base}/billing/jobs/${started.jobId}`, { as: 'admin' })).groups.find((g: any) => g.contractId === 't-solo');
    expect(solo.state).toBe('FAILED');
    expect(children.state).toBe('RUNNING');
    expect((await retry(solo.groupId)).status).toBe(202);
    const done = await jobWhen(edge, started.jobId, completed);
    expect(done.counters).toEqual({ contracts: 3, groups: 3, completedGroups: 3, failedGroups: 0, bills: 3 });
    expect(await billedDays(sql, edge.namespace, ['t-solo', 't-1', 't-2'])).toEqual([['t-1', '2023-09-01'], ['t-2', '2023-09-01'], ['t-solo', '2023-09-01']]);
  });

  it('a pricing that fails every attempt (its ReadPrices parked) leaves the step unanswered: FAILED after 30 s (scaled); a retry completes', async () => {
    await seedContracts(sql, edge.namespace, [{ id: 'ta-1', start: '2023-09-10', end: '2023-09-10' }]);
    const started = await run(edge, '2023-09-10', { headers: { 'x-force-error': 'technical-always@milk-factory.pricing' } });
    const failed = await jobWhen(edge, started.jobId, (j) => failedGroups(j).length === 1, 'the group failed by timeout');
    expect(failedGroups(failed)[0]).toMatchObject({ contractId: 'ta-1', step: 'READ_PRICE', failedReason: 'no answer to ReadPrices within 30 s' });
    const parked = await edge.expect(200, 'GET', '/api/admin/dead-letters?type=ReadPrices', { as: 'admin' });
    expect(parked.some((d: any) => d.reason === 'retries-exhausted')).toBe(true);
    expect((await retry(failedGroups(failed)[0].groupId)).status).toBe(202);
    expect((await jobWhen(edge, started.jobId, completed)).counters.bills).toBe(1);
  });

  it('a contract pricing holds no price for fails its single group with the reason, and nothing of it is billed', async () => {
    await seedContracts(sql, edge.namespace, [{ id: 'np-1', start: '2023-10-01', end: '2023-10-01', price: null }, { id: 'np-2', start: '2023-10-01', end: '2023-10-01' }]);
    const started = await run(edge, '2023-10-01');
    const job = await jobWhen(edge, started.jobId, (j) => failedGroups(j).length === 1 && j.counters.completedGroups === 1, 'one failed, one completed');
    expect(failedGroups(job)[0]).toMatchObject({ contractId: 'np-1', step: 'READ_PRICE', failedReason: 'pricing holds no price for contract np-1' });
    expect(await billedDays(sql, edge.namespace, ['np-1', 'np-2'])).toEqual([['np-2', '2023-10-01']]);
  });
});
