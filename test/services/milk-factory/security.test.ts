import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaName } from '../../../actors/mod.ts';
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../support/actor-system.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { augustus, base, contractWhen, inSync, tiberius } from './sales-helpers.ts';

let edge: TestEdge;
beforeAll(async () => { edge = await TestEdge.start('mf-security', [milkfactoryLandscape], { timeScale: 0.05 }); });
afterAll(() => edge?.cleanup());

const endpoints: Array<[string, string]> = [
  ['GET', '/products'], ['GET', '/products/COOKIES_MILKSHAKE/components'],
  ['POST', '/drafts'], ['PUT', '/drafts/c1/config'], ['POST', '/drafts/c1/components'], ['DELETE', '/drafts/c1/components?path=x'],
  ['PUT', '/drafts/c1/discount'], ['PUT', '/drafts/c1/partner'], ['POST', '/drafts/c1/offer'], ['POST', '/drafts/c1/resync'],
  ['POST', '/contracts/c1/accept'], ['POST', '/contracts/c1/approve'], ['GET', '/contracts/c1'], ['GET', '/contracts'],
  ['POST', '/partners'], ['GET', '/partners?q=a'], ['GET', '/partners/180000032'],
  ['GET', '/cases?referenceId=c1'], ['GET', '/tasks?state=OPEN'], ['GET', '/organisation'], ['GET', '/security/model'],
];

/** A milkshake (46.06, so it needs approval) drafted by john.smith for `holder`, priced and in sync. */
async function pricedDraft(holder: string, as = 'john.smith'): Promise<string> {
  const body = as === 'john.smith' ? { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: holder } : { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01' };
  const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as, body });
  await contractWhen(edge, draft.contract.id, inSync, as);
  return draft.contract.id as string;
}

describe('security', () => {
  it('answers 401 on every endpoint without a token, and with a forged one', async () => {
    for (const [method, path] of endpoints) {
      expect((await edge.call(method, `${base}${path}`)).status, `${method} ${path}`).toBe(401);
      expect((await edge.call(method, `${base}${path}`, { token: 'not.a.jwt' })).status, `${method} ${path} forged`).toBe(401);
    }
  });

  it('answers 403 to a role that may not perform the step', async () => {
    const id = await pricedDraft(augustus);
    expect((await edge.call('POST', `${base}/drafts`, { as: 'janet.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01' } })).status).toBe(403);
    expect((await edge.call('POST', `${base}/drafts`, { as: 'admin', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01' } })).status).toBe(403);
    expect((await edge.call('POST', `${base}/contracts/${id}/approve`, { as: augustus })).status).toBe(403);
    expect((await edge.call('PUT', `${base}/drafts/${id}/discount`, { as: augustus, body: { path: 'CardboardBox1', value: 0.5 } })).status).toBe(403);
    expect((await edge.call('GET', `${base}/partners?q=caesar`, { as: augustus })).status).toBe(403);
    expect((await edge.call('POST', `${base}/partners`, { as: augustus, body: { firstName: 'A', lastName: 'B', type: 'PERSON' } })).status).toBe(403);
    expect((await edge.call('GET', `${base}/cases?referenceId=${id}`, { as: augustus })).status).toBe(403);
  });

  it('answers 403 outside the user\'s own data: a customer reading, changing or accepting another customer\'s contract', async () => {
    const id = await pricedDraft(augustus);
    expect((await edge.call('GET', `${base}/contracts/${id}`, { as: augustus })).status).toBe(200);
    expect((await edge.call('GET', `${base}/contracts/${id}`, { as: tiberius })).status).toBe(403);
    expect((await edge.call('PUT', `${base}/drafts/${id}/config`, { as: tiberius, body: { path: 'CardboardBox1', name: 'QUANTITY', value: 5 } })).status).toBe(403);
    expect((await edge.call('GET', `${base}/contracts?partnerId=${augustus}`, { as: tiberius })).status).toBe(403);
    expect((await edge.call('GET', `${base}/partners/${augustus}`, { as: tiberius })).status).toBe(403);
    expect((await edge.call('GET', `${base}/partners/${tiberius}`, { as: tiberius })).status).toBe(200);
    expect((await edge.call('POST', `${base}/drafts`, { as: tiberius, body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } })).status).toBe(403);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
    expect((await edge.call('POST', `${base}/contracts/${id}/accept`, { as: tiberius })).status).toBe(403);
    const mine = await edge.expect(200, 'GET', `${base}/contracts`, { as: tiberius });
    expect(mine.map((c: any) => c.id)).not.toContain(id);
  });

  it('lets only the contract\'s own sales rep approve it: Jane approving John\'s contract is 403', async () => {
    const id = await pricedDraft(augustus);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
    expect((await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: augustus })).contract.state).toBe('AWAITING_APPROVAL');
    expect((await edge.call('POST', `${base}/contracts/${id}/approve`, { as: 'jane.smith' })).status).toBe(403);
    expect((await edge.call('GET', `${base}/contracts/${id}`, { as: 'jane.smith' })).body.contract.state).toBe('AWAITING_APPROVAL');
    expect((await edge.expect(200, 'POST', `${base}/contracts/${id}/approve`, { as: 'john.smith' })).contract.state).toBe('RUNNING');
  });

  it('lets a customer build, offer and accept their own milkshake contract in the portal, and list only their own', async () => {
    const id = await pricedDraft(augustus, augustus);
    const detail = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: augustus });
    expect(detail.relationships.find((r: any) => r.role === 'CONTRACT_HOLDER').partnerId).toBe(augustus);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: augustus });
    expect((await edge.expect(200, 'POST', `${base}/contracts/${id}/accept`, { as: augustus })).contract.state).toBe('AWAITING_APPROVAL');
    const mine = await edge.expect(200, 'GET', `${base}/contracts`, { as: augustus });
    expect(mine.map((c: any) => c.id)).toContain(id);
    expect(mine.every((c: any) => c.relationships.some((r: any) => r.partnerId === augustus))).toBe(true);
  });

  it('serves the organisation and the SALES security model, published at start', async () => {
    const model = await edge.expect(200, 'GET', `${base}/security/model`, { as: augustus });
    expect(model.processes.SALES).toEqual({
      DRAFT: ['SALES_REP', 'CUSTOMER'], OFFER: ['SALES_REP', 'CUSTOMER'], ACCEPT: ['SALES_REP', 'CUSTOMER'], APPROVE: ['SALES_REP'],
      TERMINATE: ['SALES_REP', 'CUSTOMER'], REPLACE: ['SALES_REP', 'CUSTOMER'],
    });
    const organisation = await edge.expect(200, 'GET', `${base}/organisation`, { as: 'janet.smith' });
    expect(organisation.units.find((u: any) => u.id === 'BERN')).toMatchObject({ postcodes: ['3000'], staff: [expect.objectContaining({ username: 'jane.smith' })] });
    const sql = testDatabase();
    try {
      const rows = await sql.unsafe(`select model from "${schemaName(edge.namespace, 'milk_factory_organisation')}".published_models`);
      expect(rows.length).toBeGreaterThanOrEqual(1);
    } finally {
      await sql.end();
    }
    const products = await edge.expect(200, 'GET', `${base}/products/COFFEE_LATTE_SKINNY/components`, { as: augustus });
    const milk = products.children[0].children.find((c: any) => c.componentDefinitionId === 'Milk');
    expect(milk).toMatchObject({ rules: ['FAT_CONTENT <= 1.5'], configs: expect.arrayContaining([expect.objectContaining({ name: 'FAT_CONTENT', allowed: ['0.2', '1.4', '1.8', '3.5'] })]) });
    expect((await edge.call('GET', `${base}/products/NOPE/components`, { as: augustus })).status).toBe(404);
  });
});
