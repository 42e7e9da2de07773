import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually } from '../../../support/wait.ts';
import { billedDays, completed, jobWhen, run, tableOf } from '../billing/billing-helpers.ts';
import { augustus, base, tiberius } from '../sales-helpers.ts';
import { billingKnows, runningContract, stateOf } from './lifecycle-helpers.ts';

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-terminate', [milkfactoryLandscape], { timeScale: 0.2 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

const terminate = (id: string, body: unknown, as = 'john.smith') => edge.call('POST', `${base}/contracts/${id}/terminate`, { as, body });

describe('termination (spec: POST /contracts/<id>/terminate {date})', () => {
  it('ends a RUNNING contract on the date: TERMINATED, ContractTerminated {contractId, end} to its readers, billing bills nothing after it', async () => {
    const id = await runningContract(edge, { start: '2023-03-01' });
    await billingKnows(edge, id);
    const holderStream = await edge.stream('milk-factory', '', { as: augustus });
    const otherStream = await edge.stream('milk-factory', '', { as: tiberius });
    const answer = await terminate(id, { date: '2023-03-04' });
    expect(answer.status).toBe(200);
    expect(answer.body.contract).toMatchObject({ id, state: 'TERMINATED', end: '2023-03-04', terminatedBy: 'john.smith' });
    const event = await holderStream.waitForMessage((m) => m.type === 'ContractTerminated' && m.data.contractId === id, 'ContractTerminated on the holder\'s stream');
    expect(event.data).toEqual({ contractId: id, end: '2023-03-04' });
    expect(await stateOf(edge, id)).toMatchObject({ state: 'TERMINATED', end: '2023-03-04' });

    // Billing took the new end: a run well past it bills up to the end and no further, now and later.
    await eventually(async () => {
      const [row] = await sql.unsafe(`select state, end_day::text as end from ${tableOf(edge.namespace, 'billing', 'contracts')} where contract_id = $1`, [id]);
      return row?.state === 'TERMINATED' && row.end === '2023-03-04' ? true : undefined;
    }, 10_000, 'billing\'s copy terminated');
    await jobWhen(edge, (await run(edge, '2023-03-10')).jobId, completed);
    await jobWhen(edge, (await run(edge, '2023-03-20')).jobId, completed);
    expect((await billedDays(sql, edge.namespace, [id])).map(([, day]) => day)).toEqual(['2023-03-01', '2023-03-02', '2023-03-03', '2023-03-04']);
    expect(otherStream.messages.filter((m) => m.type === 'ContractTerminated' && m.data.contractId === id)).toEqual([]);

    // Terminated is final: a second termination is 409.
    expect((await terminate(id, { date: '2023-03-04' })).status).toBe(409);
  });

  it('lets the holder terminate their own contract on its start or its end day', async () => {
    const first = await runningContract(edge, { start: '2023-04-01' });
    expect((await terminate(first, { date: '2023-04-01' }, augustus)).body.contract).toMatchObject({ state: 'TERMINATED', end: '2023-04-01', terminatedBy: augustus });
    const second = await runningContract(edge, { start: '2023-04-01' });
    const end = (await stateOf(edge, second)).end;
    expect((await terminate(second, { date: end }, augustus)).body.contract).toMatchObject({ state: 'TERMINATED', end });
  });

  it('answers 409 "already billed up to <day>" for a date before the billed-to day, and changes nothing', async () => {
    const id = await runningContract(edge, { start: '2023-05-01' });
    await billingKnows(edge, id);
    await jobWhen(edge, (await run(edge, '2023-05-05')).jobId, completed);
    const refused = await terminate(id, { date: '2023-05-03' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toBe('already billed up to 2023-05-05');
    expect(await stateOf(edge, id)).toMatchObject({ state: 'RUNNING', end: '2025-04-20' });
    // On the billed-to day itself it may end: nothing billed is after it.
    expect((await terminate(id, { date: '2023-05-05' })).status).toBe(200);
  });

  it('answers 400 for bad input or a date outside start..end, 401/403/404 as the common rules say, 409 unless RUNNING; nothing changes', async () => {
    const id = await runningContract(edge, { start: '2023-06-01' });
    for (const body of [{}, { date: '2023-13-01' }, { date: 20230601 }, { date: '2023-06-02', extra: 1 }, { date: '2023-05-31' }, { date: '2025-05-22' }]) {
      const answer = await terminate(id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await terminate(id, { date: '2023-05-31' })).body.errors).toEqual([{ path: 'date', message: 'expected 2023-06-01 to 2025-05-21' }]);
    expect((await edge.call('POST', `${base}/contracts/${id}/terminate`, { body: { date: '2023-06-02' } })).status).toBe(401);
    expect((await terminate(id, { date: '2023-06-02' }, tiberius)).status).toBe(403); // another customer's
    expect((await terminate(id, { date: '2023-06-02' }, 'janet.smith')).status).toBe(403); // staff without the step's role
    expect((await terminate('no-such-contract', { date: '2023-06-02' })).status).toBe(404);
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-06-01', partnerId: augustus } });
    expect((await terminate(draft.contract.id, { date: '2023-06-02' })).status).toBe(409);
    expect(await stateOf(edge, id)).toMatchObject({ state: 'RUNNING', end: '2025-05-21' });
  });
});
