import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { addDays } from '../../../../services/milk-factory/shared/calendar-day.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';
import { completed, jobWhen, run } from '../billing/billing-helpers.ts';
import { contractWhen } from '../sales-helpers.ts';
import { augustus, base, final, quotaOf, requisition, requisitionWhen, runningContract } from './subscription-helpers.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await TestEdge.start('mf-yearly-billing', [milkfactoryLandscape], { timeScale: 0.5 }); });
afterAll(async () => { await edge?.cleanup(); });

const bills = (id: string) => edge.expect(200, 'GET', `${base}/bills?contractId=${id}`, { as: augustus });

describe('subscriptions are billed yearly; runs past the end extend or expire them (spec)', () => {
  it('bills the first contract year on approval; a run past the end extends an autoExtend subscription by 360 days, bills the new year and sets claimed back to 0', async () => {
    const start = '2026-03-01';
    const end = addDays(start, 359);
    const id = await runningContract(edge, { quantity: 5, start, autoExtend: true });
    const detail = await contractWhen(edge, id, (d) => d.bills.length === 1, augustus);
    expect(detail.contract).toMatchObject({ type: 'SUBSCRIPTION', autoExtend: true, start, end, quota: { total: 5, claimed: 0 } });
    expect(detail.bills[0]).toMatchObject({ from: start, to: end, price: '24.33' });

    // Within the year: nothing more to bill.
    const within = await run(edge, addDays(start, 100));
    await jobWhen(edge, within.jobId, completed);
    expect(await bills(id)).toHaveLength(1);

    const requisitionId = `r-year-1-${Date.now()}`;
    expect((await requisition(edge, id, { requisitionId, quantity: 3, deliverBy: '2027-01-20' })).status).toBe(202);
    expect((await requisitionWhen(edge, requisitionId, final)).state).toBe('CONFIRMED');
    expect(await quotaOf(edge, id)).toEqual({ total: 5, claimed: 3 });

    const stream = await edge.stream('milk-factory', `?contractId=${id}`, { as: augustus });
    const past = await run(edge, addDays(end, 1));
    await jobWhen(edge, past.jobId, completed);
    const newEnd = addDays(end, 360);
    const extended = await stream.waitForMessage((m) => m.type === 'ContractExtended', 'ContractExtended');
    expect(extended.data).toEqual({ contractId: id, end: newEnd });
    const after = await contractWhen(edge, id, (d) => d.contract.end === newEnd && d.bills.length === 2, augustus, 'the contract extended and billed');
    expect(after.contract).toMatchObject({ state: 'RUNNING', quota: { total: 5, claimed: 0 } });
    expect(after.bills[1]).toMatchObject({ from: addDays(end, 1), to: newEnd, price: '24.33' });
    // The same run date again: no second extension, no second bill.
    await jobWhen(edge, (await run(edge, addDays(end, 1))).jobId, completed);
    expect((await contractWhen(edge, id, () => true, augustus)).contract.end).toBe(newEnd);
    expect(await bills(id)).toHaveLength(2);
  });

  it('a run past the end of a subscription that does not extend itself makes it EXPIRED, bills nothing more, and takes no requisition', async () => {
    const start = '2026-04-01';
    const end = addDays(start, 359);
    const id = await runningContract(edge, { quantity: 5, start });
    expect((await contractWhen(edge, id, (d) => d.bills.length === 1, augustus)).contract.autoExtend).toBe(false);
    const past = await run(edge, addDays(end, 5));
    await jobWhen(edge, past.jobId, completed);
    await contractWhen(edge, id, (d) => d.contract.state === 'EXPIRED', augustus, 'the contract EXPIRED');
    await eventually(async () => (await bills(id)).length === 1, 5_000, 'one bill');
    expect((await requisition(edge, id, { requisitionId: `r-expired-${Date.now()}`, quantity: 1, deliverBy: '2027-06-01' })).status).toBe(409);
  });
});
