import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../../actors/mod.ts';
import { milkfactoryLandscape } from '../../../services/milk-factory/mod.ts';
import { TestEdge } from '../../support/landscape-edge.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { augustus, base, contractWhen, inSync, rootTotal, tiberius } from './sales-helpers.ts';
import { testInternals } from '../../../actors/testing.ts';

// Issue 18: what a customer may read (REST and stream) and the bounds of a draft's values.
let edge: TestEdge;
beforeAll(async () => { edge = await TestEdge.start('mf-customer-access', [milkfactoryLandscape], { timeScale: 0.05, allowForcedErrors: true }); });
afterAll(() => edge?.cleanup());

const draftFor = (holder: string, session?: string) => edge.expect(201, 'POST', `${base}/drafts`, {
  as: 'john.smith', ...(session ? { sessionId: session } : {}), body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01', partnerId: holder },
});

describe('the stream of a customer', () => {
  it('carries the events of their own contracts and none of another customer\'s; staff see both', async () => {
    const [mine, theirs, staff] = [
      await edge.stream('milk-factory', '', { as: augustus }),
      await edge.stream('milk-factory', '', { as: tiberius }),
      await edge.stream('milk-factory', '', { as: 'jane.smith' }),
    ];
    // Tiberius asking for Augustus's contract by id gets nothing either.
    const forAugustus = await draftFor(augustus);
    const peeking = await edge.stream('milk-factory', `?contractId=${forAugustus.contract.id}`, { as: tiberius });
    const forTiberius = await draftFor(tiberius);
    const ofContract = (id: string) => (m: { data: any }) => JSON.stringify(m.data).includes(id);
    for (const [stream, id] of [[mine, forAugustus.contract.id], [theirs, forTiberius.contract.id], [staff, forAugustus.contract.id], [staff, forTiberius.contract.id]] as const) {
      await stream.waitForMessage((m) => m.type === 'PricesUpdated' && m.data.contractId === id, `PricesUpdated of ${id}`);
      await stream.waitForMessage((m) => m.type === 'PartnerRelationshipChanged' && m.data.foreignId === id, `the relationships of ${id}`);
    }
    await sleep(300); // anything else of the other contract would have come by now
    expect(theirs.messages.filter(ofContract(forAugustus.contract.id))).toEqual([]);
    expect(mine.messages.filter(ofContract(forTiberius.contract.id))).toEqual([]);
    expect(peeking.messages).toEqual([]);
    expect(mine.messages.map((m) => m.type)).toEqual(expect.arrayContaining(['Draft', 'DiscountsSurchargesAdded', 'PricesUpdated', 'CaseChanged']));
  });

  it('gives a customer the Error of their own request on their session\'s stream', async () => {
    const session = 'tab-of-augustus';
    const own = await edge.stream('milk-factory', `?sessionId=${session}`, { as: augustus });
    await edge.expect(201, 'POST', `${base}/drafts`, {
      as: augustus, sessionId: session, headers: { 'x-force-error': 'business@milk-factory.pricing' }, body: { productId: 'COOKIES_MILKSHAKE', start: '2023-01-01' },
    });
    const error = await own.waitForMessage((m) => m.type === 'Error', 'the customer\'s Error');
    expect(error.data).toMatchObject({ errorClass: 'BusinessError', originalType: 'DiscountsSurchargesAdded' });
  });

  it('gives the customer no Error and no event of a session they do not own', async () => {
    const session = 'tab-of-john';
    const intruder = await edge.stream('milk-factory', `?sessionId=${session}`, { as: augustus });
    const owner = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const draft = await draftFor(augustus, session);
    await owner.waitForMessage((m) => m.type === 'PricesUpdated' && m.data.contractId === draft.contract.id, 'the rep\'s session events');
    await sleep(200);
    expect(intruder.messages).toEqual([]);
  });
});

describe('reading a contract', () => {
  it('lets the holder named in POST /drafts read it at once, before partners reported the relationship; others still 403', async () => {
    const partners = edge.system.names.mailbox('milk-factory', 'partners');
    await edge.system.operations.pause(partners); // the relationship cannot travel back meanwhile
    try {
      const draft = await draftFor(tiberius);
      const id = draft.contract.id as string;
      expect((await edge.call('GET', `${base}/contracts/${id}`, { as: tiberius })).status).toBe(200);
      expect((await edge.expect(200, 'GET', `${base}/contracts`, { as: tiberius })).map((c: any) => c.id)).toContain(id);
      expect((await edge.call('GET', `${base}/contracts/${id}`, { as: augustus })).status).toBe(403);
      expect((await edge.call('GET', `${base}/contracts/${id}`, { as: '180000034' })).status).toBe(403);
      expect((await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: tiberius })).relationships).toEqual([]);
    } finally {
      await edge.system.operations.resume(partners);
    }
  });
});

describe('bounds of a draft', () => {
  it('refuses an oversize, over-precise or overlong configuration with 400, and the draft still prices', async () => {
    const draft = await draftFor(augustus);
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    const butter = 'CardboardBox1->Drink1->Cookies1->Butter1';
    for (const value of [1e30, 100_001, '1e30', 0.0001, -1, '9'.repeat(60)]) {
      const refused = await edge.call('PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: butter, name: 'WEIGHT', value } });
      expect(refused.status, String(value)).toBe(400);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await edge.call('PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: 'x'.repeat(501), name: 'WEIGHT', value: 1 } })).status).toBe(400);
    // Unchanged, and it still prices: a change within the bounds arrives with its prices.
    const changed = await edge.expect(200, 'PUT', `${base}/drafts/${id}/config`, { as: 'john.smith', body: { path: butter, name: 'WEIGHT', value: 100_000 } });
    const priced = await contractWhen(edge, id, (d) => inSync(d) && d.contract.pricesSyncTimestamp === changed.contract.syncTimestamp);
    expect(Number(rootTotal(priced))).toBeGreaterThan(1000);
    await edge.expect(200, 'POST', `${base}/drafts/${id}/offer`, { as: 'john.smith' });
  });

  it('has pricing refuse a value it cannot price as a business error to the session, never parking it', async () => {
    const session = 'tab-huge';
    const stream = await edge.stream('milk-factory', `?sessionId=${session}`, { as: 'john.smith' });
    const draft = await draftFor(augustus);
    const ready = await contractWhen(edge, draft.contract.id, inSync);
    // As an old draft stored before the bounds existed would arrive: WEIGHT 1e30.
    const components = ready.components.map((c: any) => (c.componentDefinitionId === 'Butter'
      ? { ...c, configs: c.configs.map((k: any) => (k.name === 'WEIGHT' ? { ...k, value: '1' + '0'.repeat(30) } : k)) } : c));
    await testInternals(edge.system).bus.publish('milk-factory', createEvent('DiscountsSurchargesAdded', {
      contractId: draft.contract.id, productId: 'COOKIES_MILKSHAKE', syncTimestamp: '9999-12-31T00:00:00.000Z', components, discounts: [],
    }, { source: 'test', sessionId: session, metadata: { requestedBy: 'john.smith' } }));
    const error = await stream.waitForMessage((m) => m.type === 'Error', 'the pricing Error');
    expect(error.data).toMatchObject({ errorClass: 'BusinessError', originalType: 'DiscountsSurchargesAdded' });
    expect(String(error.data.message)).toMatch(/more than the largest price/);
    const parked = await edge.expect(200, 'GET', `/api/admin/dead-letters?queue=${edge.system.names.mailbox('milk-factory', 'pricing')}`, { as: 'admin' });
    expect(parked).toEqual([]);
  });

  it('never lets discounts make a price negative: 100 % on top of the automatic 5 % is free, not −2.42', async () => {
    const draft = await draftFor(augustus);
    const id = draft.contract.id as string;
    await contractWhen(edge, id, inSync);
    const given = await edge.expect(200, 'PUT', `${base}/drafts/${id}/discount`, { as: 'john.smith', body: { path: 'CardboardBox1', value: 1 } });
    expect(given.discounts.map((d: any) => d.value).sort()).toEqual(['-0.05', '-1']);
    // The discount keeps the draft's sync timestamp: wait for the new prices themselves.
    const priced = await eventually(async () => {
      const detail = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: 'john.smith' });
      return inSync(detail) && detail.discounts.length === 2 && rootTotal(detail) !== '46.06' ? detail : undefined;
    }, 15_000, 'the discounted prices');
    expect(rootTotal(priced)).toBe('0.00');
    for (const price of Object.values(priced.prices) as Array<{ total: string }>) expect(Number(price.total)).toBeGreaterThanOrEqual(0);
    for (const value of [1.5, -2, 0.12345]) {
      expect((await edge.call('PUT', `${base}/drafts/${id}/discount`, { as: 'john.smith', body: { path: 'CardboardBox1', value } })).status, String(value)).toBe(400);
    }
  });
});
