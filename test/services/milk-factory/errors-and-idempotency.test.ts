import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommand, createEvent, schemaName } from '../../../actors/mod.ts';
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../support/actor-system.ts';
import { captureLogger } from '../../support/capture-logger.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { augustus, base, contractWhen, inSync, rootTotal } from './sales-helpers.ts';
import { testInternals } from '../../../actors/testing.ts';

let edge: TestEdge;
const sql = testDatabase();
const logs = captureLogger('warn');
beforeAll(async () => { edge = await TestEdge.start('mf-errors', [milkfactoryLandscape], { timeScale: 0.05, allowForcedErrors: true, system: { logger: logs.logger } }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

const table = (service: string, name: string) => `"${schemaName(edge.namespace, `milk_factory_${service}`)}".${name}`;
const count = async (service: string, name: string, where: string, value: string) =>
  Number((await sql.unsafe(`select count(*)::int as n from ${table(service, name)} where ${where} = $1`, [value]))[0]!.n);

describe('errors routed back to the session', () => {
  it('a forced business error in pricing sends Error to the session and the offer is refused until a resync', async () => {
    const session = 'tab-business';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', sessionId: session, body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, {
      as: 'john.smith', sessionId: session, headers: { 'x-force-error': 'business@milk-factory.pricing' },
      body: { path: 'CardboardBox1', name: 'QUANTITY', value: 5 },
    });
    const error = await stream.waitForMessage((m) => m.type === 'Error', 'the Error');
    expect(error.data).toMatchObject({ errorClass: 'BusinessError', originalType: 'DiscountsSurchargesAdded' });
    await contractWhen(edge, id, (d) => d.contract.discountsSyncTimestamp === changed.contract.syncTimestamp);
    const refused = await edge.call('POST', `${base}/drafts/${id}/offer`, { as: 'john.smith', sessionId: session });
    expect([refused.status, refused.body.detail.startsWith('Pricing is not in sync with the contract')]).toEqual([409, true]);

    expect((await edge.call('POST', `${base}/drafts/${id}/resync`, { as: 'john.smith', sessionId: session })).status).toBe(202);
    const synced = await contractWhen(edge, id, inSync, 'john.smith', 'prices after the resync');
    expect(rootTotal(synced)).toBe('24.33');
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith', sessionId: session });
  });

  it('a forced business error in dsc also reaches the session and leaves the draft out of sync until a resync', async () => {
    const session = 'tab-business-dsc';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, {
      as: 'john.smith', sessionId: session, headers: { 'x-force-error': 'business@milk-factory.dsc' },
      body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus },
    });
    const error = await stream.waitForMessage((m) => m.type === 'Error', 'the Error');
    expect(error.data).toMatchObject({ errorClass: 'BusinessError', originalType: 'Draft', message: 'forced business error in milk-factory.dsc' });
    await contractWhen(edge, draft.contract.id, (d) => d.relationships.length === 2);
    expect((await edge.call('POST', `${base}/drafts/${draft.contract.id}/offer`, { as: 'john.smith' })).status).toBe(409);
    await edge.expect(202, 'POST', `${base}/drafts/${draft.contract.id}/resync`, { as: 'john.smith', sessionId: session });
    expect(rootTotal(await contractWhen(edge, draft.contract.id, inSync))).toBe('46.06');
  });

  it('a forced technical error in pricing is retried and the prices arrive later', async () => {
    const session = 'tab-technical';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, {
      as: 'john.smith', sessionId: session, headers: { 'x-force-error': 'technical@milk-factory.pricing' },
      body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus },
    });
    const prices = await stream.waitForMessage((m) => m.type === 'PricesUpdated', 'PricesUpdated after the retry');
    expect(prices.data.contractId).toBe(draft.contract.id);
    expect(stream.messages.some((m) => m.type === 'Error')).toBe(false);
    // The first attempt failed and was sent to a waiting room: the prices came from the retry.
    expect(logs.lines.some((l) => l.msg === 'handler failed; retrying later' && l.messageType === 'DiscountsSurchargesAdded' && l.sessionId === session)).toBe(true);
    expect(rootTotal(await contractWhen(edge, draft.contract.id, inSync))).toBe('46.06');
  });

  it('a relationship for a partner without a PRIMARY address fails with PartnerHasNoPrimaryAddress to the session, storing nothing', async () => {
    const session = 'tab-no-address';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const partner = await edge.expect(201, 'POST', `${base}/partners`, {
      as: 'john.smith', body: { firstName: 'Nero', lastName: 'Homeless', type: 'PERSON', addresses: [{ street: 'Via', houseNumber: '1', postcode: '3000', city: 'Bern', country: 'CH', type: 'SECONDARY' }] },
    });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', sessionId: session, body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: partner.id } });
    const error = await stream.waitForMessage((m) => m.type === 'Error', 'the Error');
    expect(error.data).toMatchObject({ errorClass: 'PartnerHasNoPrimaryAddress', originalType: 'CreatePartnerRelationship' });
    expect(await count('partners', 'relationships', 'foreign_id', draft.contract.id)).toBe(0);
    expect((await edge.expect(200, 'GET', `${base}/partners/${partner.id}`, { as: 'john.smith' })).relationships).toEqual([]);
  });

  it('chooses the sales rep by the holder\'s primary postcode: Bern 3000 → jane.smith, elsewhere head office', async () => {
    const bern = await edge.expect(201, 'POST', `${base}/partners`, {
      as: 'jane.smith', body: { firstName: 'Ursula', lastName: 'Andress', type: 'PERSON', email: 'ursula@example.ch', phone: '+41 31 123', addresses: [{ street: 'Bundesplatz', houseNumber: '2', postcode: '3000', city: 'Bern', country: 'CH', type: 'PRIMARY' }] },
    });
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'jane.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: bern.id } });
    const ready = await contractWhen(edge, draft.contract.id, (d) => d.relationships.length === 2, 'jane.smith');
    expect(ready.relationships.find((r: any) => r.role === 'SALES_REP')).toMatchObject({ partnerId: '180000002', username: 'jane.smith' });
    const found = await edge.expect(200, 'GET', `${base}/partners?q=ursula`, { as: 'john.smith' });
    expect(found.map((p: any) => p.id)).toEqual([bern.id]);
    expect((await edge.expect(200, 'GET', `${base}/partners?q=${encodeURIComponent('+41 31 123')}`, { as: 'john.smith' })).map((p: any) => p.id)).toEqual([bern.id]);
    const detail = await edge.expect(200, 'GET', `${base}/partners/${bern.id}`, { as: 'john.smith' });
    expect(detail.contracts).toEqual([{ contractId: draft.contract.id, role: 'CONTRACT_HOLDER' }]);
  });
});

describe('idempotent handlers: a duplicate changes nothing', () => {
  const send = (service: string, type: string, data: Record<string, unknown>) =>
    testInternals(edge.system).bus.send('milk-factory', service, createCommand(type, data, { source: 'test' }));

  it('a duplicate CreateCase, CreateTask and CreatePartnerRelationship (new message ids) create no second case, task or relationship', async () => {
    const referenceId = `ref-${crypto.randomUUID()}`;
    const task = { referenceId, userId: 'john.smith', title: 'Approve Contract', action: 'APPROVE_CONTRACT', params: { contractId: referenceId } };
    const relationship = { partnerId: augustus, foreignId: referenceId, role: 'CONTRACT_HOLDER', alsoCreate: ['SALES_REP'] };
    for (let i = 0; i < 2; i++) {
      await send('cases', 'CreateCase', { referenceId, caseType: 'SALES' });
      await send('cases', 'CreateTask', task);
      await send('partners', 'CreatePartnerRelationship', relationship);
    }
    await eventually(async () => (await count('cases', 'tasks', 'reference_id', referenceId)) === 1 && (await count('partners', 'relationships', 'foreign_id', referenceId)) === 2, 10_000, 'the first of each');
    // The duplicates were sent after the first ones: give them time to be handled too.
    await sleep(500);
    expect(await count('cases', 'cases', 'reference_id', referenceId)).toBe(1);
    expect(await count('cases', 'tasks', 'reference_id', referenceId)).toBe(1);
    expect(await count('partners', 'relationships', 'foreign_id', referenceId)).toBe(2);
    const theCase = await edge.expect(200, 'GET', `${base}/cases?referenceId=${referenceId}`, { as: 'john.smith' });
    expect(theCase.tasks).toHaveLength(1);
  });

  it('a duplicate Draft (same model, new message id) leaves dsc and pricing rows as they were', async () => {
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: augustus } });
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    const rows = async () => ({
      discounts: await sql.unsafe(`select component_id, definition_id, value, sync_timestamp from ${table('dsc', 'discounts')} where contract_id = $1 order by 1, 2`, [id]),
      prices: await sql.unsafe(`select component_id, total::text, tax::text, sync_timestamp from ${table('pricing', 'prices')} where contract_id = $1 order by 1`, [id]),
    });
    const before = await rows();
    const stream = await edge.stream('milk-factory', `?contractId=${id}`);
    await testInternals(edge.system).bus.publish('milk-factory', createEvent('Draft', draft, { source: 'test' }));
    await stream.waitForMessage((m) => m.type === 'PricesUpdated', 'the duplicate priced');
    expect(await rows()).toEqual(before);
    expect(before.prices).toHaveLength(8);
    expect(before.discounts).toHaveLength(1);
  });
});
