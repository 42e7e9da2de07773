import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';
import { completed, jobWhen, run, tableOf } from '../billing/billing-helpers.ts';
import { augustus, base, contractWhen, inSync, rootTotal } from '../sales-helpers.ts';
import { billingKnows, runningContract } from './lifecycle-helpers.ts';

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-index', [milkfactoryLandscape], { timeScale: 0.2 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

const setIndex = (body: unknown, as = 'admin', name = 'MILK_INDEX') => edge.call('PUT', `${base}/indexes/${name}`, { as, body });
const billsOf = async (id: string) => (await edge.expect(200, 'GET', `${base}/bills?contractId=${id}`, { as: 'admin' })).map((b: any) => [b.from, b.price]);

describe('the MILK_INDEX (spec: PUT/GET /indexes/MILK_INDEX)', () => {
  it('answers 400 problem+json for bad input, 401/403 unless ADMIN, 404 for another index; stores nothing refused', async () => {
    for (const body of [{ year: 1999, value: 1 }, { year: 2101, value: 1 }, { year: 2023, value: 0 }, { year: 2023, value: -1 }, { year: 2023, value: 1.00001 }, { year: 2023 }, { year: 2023, value: 1, x: 1 }, 'nope']) {
      const answer = await setIndex(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await edge.call('PUT', `${base}/indexes/MILK_INDEX`, { body: { year: 2023, value: 1 } })).status).toBe(401);
    for (const user of ['john.smith', augustus]) expect((await setIndex({ year: 2023, value: 1 }, user)).status, user).toBe(403);
    expect((await setIndex({ year: 2023, value: 1 }, 'admin', 'OIL_INDEX')).status).toBe(404);
    expect((await edge.call('GET', `${base}/indexes/OIL_INDEX`, { as: 'admin' })).status).toBe(404);
    expect((await edge.call('GET', `${base}/indexes/MILK_INDEX`)).status).toBe(401);
    expect(await edge.expect(200, 'GET', `${base}/indexes/MILK_INDEX`, { as: augustus })).toEqual({ name: 'MILK_INDEX', values: [] });
  });

  it('prices each billed day with its year\'s index; a change reprices RUNNING indexed contracts for later bills, never bills already created', async () => {
    const set = await setIndex({ year: 2023, value: 1.25 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ name: 'MILK_INDEX', values: [{ year: 2023, value: '1.2500' }], repriced: 0 });
    expect(await edge.expect(200, 'GET', `${base}/indexes/MILK_INDEX`, { as: 'john.smith' })).toEqual({ name: 'MILK_INDEX', values: [{ year: 2023, value: '1.2500' }] });

    // 2022-12-30 .. 2024-01-24: it shows today's year clamped to its days, 2024, whose index is 2023's (1.25): 61.93.
    const id = await runningContract(edge, { productId: 'INDEXED_LATTE', start: '2022-12-30', quantity: 10 });
    expect(rootTotal(await contractWhen(edge, id, (d) => d.contract.state === 'RUNNING'))).toBe('61.93');
    await billingKnows(edge, id);
    await jobWhen(edge, (await run(edge, '2023-01-02')).jobId, completed);
    // 2022 has no index value and none earlier: 1, the latte's 51.23.
    expect(await billsOf(id)).toEqual([['2022-12-30', '51.23'], ['2022-12-31', '51.23'], ['2023-01-01', '61.93'], ['2023-01-02', '61.93']]);

    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'INDEXED_LATTE', start: '2023-02-01', partnerId: augustus } });
    const draftId = draft.contract.id as string;
    await contractWhen(edge, draftId, inSync);
    const stream = await edge.stream('milk-factory', '?type=PricesUpdated,IndexChanged');
    const changed = await setIndex({ year: 2023, value: '1.05' });
    expect(changed.body).toMatchObject({ values: [{ year: 2023, value: '1.0500' }] });
    expect(changed.body.repriced).toBeGreaterThanOrEqual(1);
    const repriced = await stream.waitForMessage((m) => m.type === 'PricesUpdated' && m.data.contractId === id, 'PricesUpdated of the running contract');
    expect(repriced.data).toMatchObject({ year: 2024, milkIndex: '1.0500' });
    await stream.waitForMessage((m) => m.type === 'IndexChanged', 'IndexChanged');
    expect(rootTotal(await contractWhen(edge, id, (d) => rootTotal(d) === '53.33'))).toBe('53.33'); // Milk 4.50: ten drinks 0.21 dearer than 51.23

    await jobWhen(edge, (await run(edge, '2023-01-04')).jobId, completed);
    expect(await billsOf(id)).toEqual([
      ['2022-12-30', '51.23'], ['2022-12-31', '51.23'], ['2023-01-01', '61.93'], ['2023-01-02', '61.93'], ['2023-01-03', '53.33'], ['2023-01-04', '53.33'],
    ]);
    // An earlier year's value: later 2022 bills would take it; the ones created keep theirs.
    await setIndex({ year: 2022, value: 2 });
    expect(await billsOf(id)).toContainEqual(['2022-12-30', '51.23']);
    // A draft is not RUNNING: priced as it changes, not repriced by the index.
    expect(stream.messages.filter((m) => m.type === 'PricesUpdated' && m.data.contractId === draftId)).toEqual([]);
    const [held] = await sql.unsafe(`select state from ${tableOf(edge.namespace, 'pricing', 'indexed_contracts')} where contract_id = $1`, [draftId]);
    expect(held?.state).toBe('DRAFT');
  });

  it('a terminated indexed contract is repriced no more', async () => {
    const id = await runningContract(edge, { productId: 'INDEXED_LATTE', start: '2023-03-01', quantity: 5 });
    await edge.expect(200, 'POST', `${base}/contracts/${id}/terminate`, { as: 'john.smith', body: { date: '2023-03-05' } });
    await contractWhen(edge, id, () => true);
    const stream = await edge.stream('milk-factory', `?contractId=${id}&type=PricesUpdated`);
    await eventually(async () => {
      const [row] = await sql.unsafe(`select state from ${tableOf(edge.namespace, 'pricing', 'indexed_contracts')} where contract_id = $1`, [id]);
      return row?.state === 'TERMINATED' ? true : undefined;
    }, 10_000, 'pricing\'s copy terminated');
    await setIndex({ year: 2023, value: 1.1 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stream.messages).toEqual([]);
  });
});
