import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { base, billedDays, billsOfJob, completed, days, jobWhen, run, seedContracts } from './billing-helpers.ts';

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-billing-runs', [milkfactoryLandscape], { timeScale: 0.05 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

describe('billing runs', () => {
  it('bill day by day with no gaps: each run bills from the day after the billed-to day up to its date', async () => {
    const ids = ['daily-a', 'daily-b'];
    await seedContracts(sql, edge.namespace, ids.map((id) => ({ id, start: '2023-03-01', price: '24.33' })));
    const first = await run(edge, '2023-03-03');
    expect(first).toMatchObject({ contracts: 2, groups: 1, correlationId: first.jobId });
    const done = await jobWhen(edge, first.jobId, completed);
    expect(done.counters).toEqual({ contracts: 2, groups: 1, completedGroups: 1, failedGroups: 0, bills: 6 });
    const second = await run(edge, '2023-03-05');
    expect((await jobWhen(edge, second.jobId, completed)).counters.bills).toBe(4);
    expect(await billedDays(sql, edge.namespace, ids)).toEqual(ids.flatMap((id) => days('2023-03-01', '2023-03-05').map((d) => [id, d])));
    expect(await billsOfJob(sql, edge.namespace, second.jobId)).toBe(4);

    const bills = await edge.expect(200, 'GET', `${base}/bills?contractId=daily-a`, { as: 'admin' });
    expect(bills.map((b: any) => [b.from, b.to, b.price])).toEqual(days('2023-03-01', '2023-03-05').map((d) => [d, d, '24.33']));
    expect(Object.keys(bills[0]).sort()).toEqual(['billId', 'contractId', 'createdAt', 'from', 'price', 'to']);
  });
});
