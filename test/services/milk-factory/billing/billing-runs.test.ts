import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { createCommand } from '../../../../actors/mod.ts';
import { eventually, sleep, testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { base, billedDays, billsOfJob, completed, days, jobWhen, run, seedContracts, tableOf } from './billing-helpers.ts';
import { testInternals } from '../../../../actors/testing.ts';

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-billing-runs', [milkfactoryLandscape], { timeScale: 0.2 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

/** Every contract-day of these contracts billed exactly once, none missing from `from` to `to`. */
async function expectBilledOnce(ids: readonly string[], from: string, to: string): Promise<void> {
  expect(await billedDays(sql, edge.namespace, ids)).toEqual(ids.flatMap((id) => days(from, to).map((d) => [id, d])));
}

// The tests share one namespace: each one's contracts end on its last date, so a later
// test's run finds nothing left to bill of them.
describe('billing runs (spec: selection, days, groups, counters)', () => {
  it('bill day by day with no gaps: each run bills from the day after the billed-to day up to its date', async () => {
    const ids = ['daily-a', 'daily-b'];
    await seedContracts(sql, edge.namespace, ids.map((id) => ({ id, start: '2023-03-01', end: '2023-03-05', price: '24.33' })));
    const first = await run(edge, '2023-03-03');
    expect(first).toMatchObject({ contracts: 2, groups: 1, correlationId: first.jobId });
    const done = await jobWhen(edge, first.jobId, completed);
    expect(done.counters).toEqual({ contracts: 2, groups: 1, completedGroups: 1, failedGroups: 0, bills: 6 });
    expect(done.groups).toEqual([expect.objectContaining({ state: 'COMPLETED', step: 'COMMS', contracts: 2, bills: 6, productId: 'COOKIES_MILKSHAKE', firstDay: '2023-03-01' })]);
    const second = await run(edge, '2023-03-05');
    expect((await jobWhen(edge, second.jobId, completed)).counters.bills).toBe(4);
    await expectBilledOnce(ids, '2023-03-01', '2023-03-05');
    expect(await billsOfJob(sql, edge.namespace, first.jobId)).toBe(6);
    expect(await billsOfJob(sql, edge.namespace, second.jobId)).toBe(4);

    const bills = await edge.expect(200, 'GET', `${base}/bills?contractId=daily-a`, { as: 'admin' });
    expect(bills.map((b: any) => [b.from, b.to, b.price])).toEqual(days('2023-03-01', '2023-03-05').map((d) => [d, d, '24.33']));
    expect(Object.keys(bills[0]).sort()).toEqual(['billId', 'contractId', 'createdAt', 'from', 'price', 'to']);
    const page = await edge.expect(200, 'GET', `${base}/bills?contractId=daily-a&limit=2&after=2023-03-02`, { as: 'admin' });
    expect(page.map((b: any) => b.from)).toEqual(['2023-03-03', '2023-03-04']);
  });

  it('the same date twice: the second run finds nothing to bill, its job COMPLETED at once', async () => {
    await seedContracts(sql, edge.namespace, [{ id: 'twice-a', start: '2023-05-01', end: '2023-05-02' }]);
    const first = await run(edge, '2023-05-02');
    await jobWhen(edge, first.jobId, completed);
    const again = await run(edge, '2023-05-02');
    expect(again).toMatchObject({ contracts: 0, groups: 0 });
    const job = await edge.expect(200, 'GET', `${base}/billing/jobs/${again.jobId}`, { as: 'admin' });
    expect(job).toMatchObject({ state: 'COMPLETED', counters: { contracts: 0, groups: 0, completedGroups: 0, failedGroups: 0, bills: 0 }, groups: [] });
    expect(job.completed).toBeDefined();
    await expectBilledOnce(['twice-a'], '2023-05-01', '2023-05-02');
  });

  it('two concurrent runs for one date: every day billed once, each job counting the bills it stored', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `race-${String(i).padStart(2, '0')}`);
    await seedContracts(sql, edge.namespace, ids.map((id) => ({ id, start: '2023-06-01', end: '2023-06-04' })));
    const [a, b] = await Promise.all([run(edge, '2023-06-04', { maxGroupSize: 3 }), run(edge, '2023-06-04', { maxGroupSize: 5 })]);
    expect([a.contracts, b.contracts]).toEqual([12, 12]); // both selected every contract before either billed
    const [doneA, doneB] = await Promise.all([jobWhen(edge, a.jobId, completed), jobWhen(edge, b.jobId, completed)]);
    await expectBilledOnce(ids, '2023-06-01', '2023-06-04');
    expect(doneA.counters.bills).toBe(await billsOfJob(sql, edge.namespace, a.jobId));
    expect(doneB.counters.bills).toBe(await billsOfJob(sql, edge.namespace, b.jobId));
    expect(doneA.counters.bills + doneB.counters.bills).toBe(ids.length * 4);
  });

  it('a BILL command delivered twice, or sent again under a new id, bills each day once', async () => {
    await seedContracts(sql, edge.namespace, [{ id: 'dup-1', start: '2023-11-01', end: '2023-11-03' }]);
    const order = { replyTo: 'billing-group', jobId: 'dup-job', groupId: 'dup-group', date: '2023-11-03', contractIds: ['dup-1'], prices: { 'dup-1': { 2023: '24.33' } } };
    const command = createCommand('BillGroup', order, { source: 'test' });
    await testInternals(edge.system).bus.send('milk-factory', 'billing', command);
    await testInternals(edge.system).bus.send('milk-factory', 'billing', command);
    await testInternals(edge.system).bus.send('milk-factory', 'billing', createCommand('BillGroup', order, { source: 'test' }));
    await eventually(async () => (await billedDays(sql, edge.namespace, ['dup-1'])).length === 3, 10_000, 'the days billed');
    await sleep(500);
    await expectBilledOnce(['dup-1'], '2023-11-01', '2023-11-03');
  });

  it('the unique (contract, day) key is the last line: with billed-to wrongly reset, BILL fails loudly (parked) and bills nothing twice', async () => {
    await sql.unsafe(`update ${tableOf(edge.namespace, 'billing', 'contracts')} set billed_to = null where contract_id = 'dup-1'`);
    const order = { replyTo: 'billing-group', jobId: 'dup-job-2', groupId: 'dup-group-2', date: '2023-11-03', contractIds: ['dup-1'], prices: { 'dup-1': { 2023: '24.33' } } };
    const command = createCommand('BillGroup', order, { source: 'test' });
    await testInternals(edge.system).bus.send('milk-factory', 'billing', command);
    const parked = await eventually(async () => {
      const letters = await edge.expect(200, 'GET', '/api/admin/dead-letters?type=BillGroup', { as: 'admin' });
      return letters.find((d: any) => d.messageId === command.id);
    }, 15_000, 'the BILL command parked');
    expect(parked.error.message).toMatch(/bills_one_per_contract_day/);
    await expectBilledOnce(['dup-1'], '2023-11-01', '2023-11-03');
    await sql.unsafe(`update ${tableOf(edge.namespace, 'billing', 'contracts')} set billed_to = '2023-11-03' where contract_id = 'dup-1'`);
  });

  it('groups by product and first day, at most maxGroupSize each; TERMINATED contracts up to their end; nothing before its start', async () => {
    await seedContracts(sql, edge.namespace, [
      ...['g-c1', 'g-c2', 'g-c3', 'g-c4', 'g-c5'].map((id) => ({ id, start: '2023-07-01', end: '2023-07-05' })),
      ...['g-d1', 'g-d2'].map((id) => ({ id, start: '2023-07-01', end: '2023-07-05', billedTo: '2023-07-02' })),
      ...['g-l1', 'g-l2', 'g-l3'].map((id) => ({ id, productId: 'COFFEE_LATTE_SKINNY', start: '2023-07-01', end: '2023-07-05', price: '51.23' })),
      { id: 'g-t1', start: '2023-07-01', end: '2023-07-03', state: 'TERMINATED' as const },
      { id: 'g-late', start: '2023-07-06' },
      { id: 'g-over', start: '2023-07-01', end: '2023-07-02', state: 'TERMINATED' as const, billedTo: '2023-07-02' },
    ]);
    const started = await run(edge, '2023-07-05', { maxGroupSize: 2 });
    expect(started).toMatchObject({ contracts: 11, groups: 6 }); // g-t1 is a milkshake from 07-01 too
    const job = await jobWhen(edge, started.jobId, completed);
    const shape = job.groups.map((g: any) => [g.productId, g.firstDay, g.contracts]).sort();
    expect(shape).toEqual([
      ['COFFEE_LATTE_SKINNY', '2023-07-01', 1], ['COFFEE_LATTE_SKINNY', '2023-07-01', 2],
      ['COOKIES_MILKSHAKE', '2023-07-01', 2], ['COOKIES_MILKSHAKE', '2023-07-01', 2], ['COOKIES_MILKSHAKE', '2023-07-01', 2],
      ['COOKIES_MILKSHAKE', '2023-07-03', 2],
    ]);
    await expectBilledOnce(['g-c1', 'g-c5', 'g-l3'], '2023-07-01', '2023-07-05');
    expect(await billedDays(sql, edge.namespace, ['g-d1'])).toEqual(days('2023-07-03', '2023-07-05').map((d) => ['g-d1', d]));
    await expectBilledOnce(['g-t1'], '2023-07-01', '2023-07-03');
    expect(await billedDays(sql, edge.namespace, ['g-late', 'g-over'])).toEqual([]);
    expect(job.counters).toEqual({ contracts: 11, groups: 6, completedGroups: 6, failedGroups: 0, bills: 5 * 5 + 2 * 3 + 3 * 5 + 3 });
    expect(job.counters.bills).toBe(await billsOfJob(sql, edge.namespace, started.jobId));
    expect((await edge.expect(200, 'GET', `${base}/billing/jobs/${started.jobId}?limit=2`, { as: 'admin' })).groups).toHaveLength(2);
    expect((await edge.call('GET', `${base}/billing/jobs/${started.jobId}?limit=0`, { as: 'admin' })).status).toBe(400);
    const lattes = await edge.expect(200, 'GET', `${base}/bills?contractId=g-l1`, { as: 'admin' });
    expect(lattes.every((b: any) => b.price === '51.23')).toBe(true);
  });

  it('serves both machines in GET /api/admin/orchestrators and a job\'s instance with its state and history', async () => {
    const machines = await edge.expect(200, 'GET', '/api/admin/orchestrators', { as: 'admin' });
    expect(machines.filter((m: any) => m.landscape === 'milk-factory').map((m: any) => [m.name, m.service, m.versions[0].version]))
      .toEqual(expect.arrayContaining([['billing-job', 'billing-job', 1], ['billing-group', 'billing-group', 1]]));
    const [job] = await edge.expect(200, 'GET', `${base}/billing/jobs?limit=1`, { as: 'admin' });
    const instance = await edge.expect(200, 'GET', `/api/admin/orchestrators/billing-job/instances/${job.jobId}`, { as: 'admin' });
    expect(instance).toMatchObject({ state: 'COMPLETED', status: 'done', context: { jobId: job.jobId } });
    expect(instance.history.map((h: any) => h.messageType)[0]).toBe('StartBillingJob');
    const detail = await edge.expect(200, 'GET', `${base}/billing/jobs/${job.jobId}`, { as: 'admin' });
    const group = await edge.expect(200, 'GET', `/api/admin/orchestrators/billing-group/instances/${detail.groups[0].groupId}`, { as: 'admin' });
    expect(group.history.map((h: any) => h.messageType)).toEqual(['StartBillingGroup', 'PricesRead', 'GroupBilled', 'BillsAnnounced']);
  });

  it('lists jobs newest first (ADMIN), honouring limit', async () => {
    const jobs = await edge.expect(200, 'GET', `${base}/billing/jobs`, { as: 'admin' });
    expect(jobs.length).toBeGreaterThanOrEqual(5);
    const started = jobs.map((j: any) => j.started);
    expect([...started].sort().reverse()).toEqual(started);
    expect(jobs[0]).toEqual(expect.objectContaining({ jobId: expect.any(String), state: expect.any(String), counters: expect.any(Object) }));
    expect(await edge.expect(200, 'GET', `${base}/billing/jobs?limit=2`, { as: 'admin' })).toHaveLength(2);
  });

  it('refuses bad input (400) and anyone but an admin (401/403), storing nothing', async () => {
    const count = async () => Number((await sql.unsafe(`select count(*)::int as n from ${tableOf(edge.namespace, 'billing', 'jobs')}`))[0]!.n);
    const before = await count();
    const bad: unknown[] = [
      {}, { date: '2023-02-30' }, { date: '20230201' }, { date: 20230201 }, { date: '2023-02-01', maxGroupSize: 0 }, { date: '2023-02-01', maxGroupSize: 1001 },
      { date: '2023-02-01', maxGroupSize: 1.5 }, { date: '2023-02-01', maxGroupSize: '10' }, { date: '2023-02-01', extra: true }, { date: '1999-12-31' },
      { date: '2023-02-01\u0000' }, '{"date":', 'not json', [], null,
    ];
    for (const body of bad) {
      const { status, body: problem, headers } = await edge.call('POST', `${base}/billing/runs`, { as: 'admin', body: body === null ? 'null' : body });
      expect([status, headers.get('content-type')], JSON.stringify(body)).toEqual([400, 'application/problem+json']);
      expect(problem.status).toBe(400);
    }
    expect((await edge.call('POST', `${base}/billing/runs`, { body: { date: '2023-02-01' } })).status).toBe(401);
    for (const user of ['john.smith', '180000032']) {
      expect((await edge.call('POST', `${base}/billing/runs`, { as: user, body: { date: '2023-02-01' } })).status, user).toBe(403);
      expect((await edge.call('GET', `${base}/billing/jobs`, { as: user })).status).toBe(403);
      expect((await edge.call('POST', `${base}/billing/groups/any/retry`, { as: user })).status).toBe(403);
    }
    expect(await count()).toBe(before);
    expect((await edge.call('GET', `${base}/billing/jobs/nope`, { as: 'admin' })).status).toBe(404);
    expect((await edge.call('POST', `${base}/billing/groups/nope/retry`, { as: 'admin' })).status).toBe(404);
    for (const query of ['', '?contractId=', '?contractId=x&limit=0', '?contractId=x&limit=1001', '?contractId=x&after=2023-02-30', '?contractId=x&other=1']) {
      expect((await edge.call('GET', `${base}/bills${query}`, { as: 'admin' })).status, query).toBe(400);
    }
    expect((await edge.call('GET', `${base}/billing/jobs?limit=500`, { as: 'admin' })).status).toBe(400);
  });
});
