import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually, sleep } from '../../../support/wait.ts';
import { tiberius } from '../sales-helpers.ts';
import {
  augustus, base, deliveries, final, pause, publishTermination, quotaOf, requisition, requisitionWhen, resume, runningContract,
} from './subscription-helpers.ts';

// TIME_SCALE 0.5: the 10 s requisition deadline is 5 s.
let edge: TestEdge;
beforeAll(async () => { edge = await TestEdge.start('mf-requisitions', [milkfactoryLandscape], { timeScale: 0.5 }); });
afterAll(async () => { await edge?.cleanup(); });

const deliverBy = '2027-01-15';
let counter = 0;
const newId = (label: string) => `${label}-${Date.now()}-${++counter}`;

describe('requisition orders (spec: POST /contracts/<id>/requisitions and the requisition orchestrator)', () => {
  it('reserves the boxes (step 1), has the delivery organised (step 2) and confirms; claimed counts them; the history shows both states', async () => {
    const id = await runningContract(edge, { quantity: 20 });
    const detail = await edge.expect(200, 'GET', `${base}/contracts/${id}`, { as: augustus });
    expect(detail.contract).toMatchObject({ type: 'SUBSCRIPTION', quota: { total: 20, claimed: 0 }, autoExtend: false, state: 'RUNNING' });
    const stream = await edge.stream('milk-factory', `?contractId=${id}`, { as: augustus });
    const otherCustomer = await edge.stream('milk-factory', '', { as: tiberius });
    const staff = await edge.stream('milk-factory', `?contractId=${id}`, { as: 'janet.smith' });
    const requisitionId = newId('r-ok');
    const answer = await requisition(edge, id, { requisitionId, quantity: 7, deliverBy });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ requisitionId, state: 'PENDING' });
    const confirmed = await requisitionWhen(edge, requisitionId, final);
    expect(confirmed).toMatchObject({ requisitionId, contractId: id, quantity: 7, deliverBy, state: 'CONFIRMED', deliveryId: expect.any(String) });
    expect(confirmed.history.map((h: any) => h.state)).toEqual(['PENDING', 'CONFIRMED']);
    expect(await quotaOf(edge, id)).toEqual({ total: 20, claimed: 7 });
    const [delivery] = await deliveries(edge, id, augustus);
    expect(delivery).toMatchObject({ deliveryId: confirmed.deliveryId, contractId: id, requisitionId, quantity: 7, date: deliverBy, state: 'SCHEDULED', address: { partnerId: augustus, postcode: '00184' } });
    await stream.waitForMessage((m) => m.type === 'RequisitionChanged' && m.data.state === 'CONFIRMED', 'RequisitionChanged CONFIRMED on the stream');
    await stream.waitForMessage((m) => m.type === 'QuotaChanged' && m.data.claimed === 7, 'QuotaChanged on the stream');
    await stream.waitForMessage((m) => m.type === 'DeliveryChanged' && m.data.requisitionId === requisitionId, 'DeliveryChanged on the stream');
    // The stream shows a contract's requisitions, quota and deliveries to whoever may read the contract: staff, its holder; not another customer.
    await staff.waitForMessage((m) => m.type === 'RequisitionChanged' && m.data.state === 'CONFIRMED', 'RequisitionChanged on a staff stream');
    expect(otherCustomer.messages.filter((m) => (m.data as any).contractId === id || ['RequisitionChanged', 'QuotaChanged', 'DeliveryChanged'].includes(m.type))).toEqual([]);

    const listed = await edge.expect(200, 'GET', `${base}/contracts/${id}/requisitions`, { as: augustus });
    expect(listed.map((r: any) => r.requisitionId)).toEqual([requisitionId]);
    // The same id and body again: the same answer, nothing new; another body under that id: 409.
    expect(await requisition(edge, id, { requisitionId, quantity: 7, deliverBy })).toMatchObject({ status: 202, body: { requisitionId, state: 'PENDING' } });
    expect((await requisition(edge, id, { requisitionId, quantity: 8, deliverBy })).status).toBe(409);
    expect((await requisition(edge, id, { requisitionId, quantity: 7, deliverBy: '2027-01-16' })).status).toBe(409);
    await sleep(500);
    expect(await quotaOf(edge, id)).toEqual({ total: 20, claimed: 7 });
    expect(await deliveries(edge, id)).toHaveLength(1);
  });

  it('rejects a requisition the quota cannot hold (REJECTED_QUOTA_EXCEEDED), claiming nothing', async () => {
    const id = await runningContract(edge, { quantity: 5 });
    const first = newId('r-first');
    expect((await requisition(edge, id, { requisitionId: first, quantity: 4, deliverBy })).status).toBe(202);
    expect((await requisitionWhen(edge, first, final)).state).toBe('CONFIRMED');
    const second = newId('r-too-many');
    expect((await requisition(edge, id, { requisitionId: second, quantity: 2, deliverBy })).status).toBe(202);
    const rejected = await requisitionWhen(edge, second, final);
    expect(rejected).toMatchObject({ state: 'REJECTED_QUOTA_EXCEEDED', reason: expect.stringContaining('quota exceeded') });
    expect(rejected.deliveryId).toBeUndefined();
    expect(await quotaOf(edge, id)).toEqual({ total: 5, claimed: 4 });
    expect(await deliveries(edge, id)).toHaveLength(1);
  });

  it('answers 400, 401, 403, 404 and 409 as the spec says, storing nothing', async () => {
    const id = await runningContract(edge, { quantity: 5 });
    const ok = { requisitionId: newId('r-bad'), quantity: 1, deliverBy };
    for (const body of [{ ...ok, quantity: 0 }, { ...ok, quantity: 6 }, { ...ok, quantity: 1.5 }, { ...ok, deliverBy: '2020-01-01' }, { ...ok, deliverBy: '2027-02-30' },
      { ...ok, requisitionId: '' }, { quantity: 1, deliverBy }, { ...ok, extra: true }]) {
      const answer = await requisition(edge, id, body as never);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await edge.call('POST', `${base}/contracts/${id}/requisitions`, { body: ok })).status).toBe(401);
    expect((await requisition(edge, id, ok, tiberius)).status).toBe(403);
    expect((await requisition(edge, id, ok, 'janet.smith')).status).toBe(403); // staff without the REQUISITION step
    expect((await requisition(edge, 'no-such-contract', ok)).status).toBe(404);
    expect((await edge.call('GET', `${base}/contracts/${id}/requisitions`, { as: tiberius })).status).toBe(403);
    // Not a subscription, or not RUNNING: 409.
    const oneOff = await runningContract(edge, { productId: 'COOKIES_MILKSHAKE', quantity: 5 });
    expect((await requisition(edge, oneOff, ok)).status).toBe(409);
    const draft = await edge.expect(201, 'POST', `${base}/drafts`, { as: 'john.smith', body: { productId: 'MILKSHAKE_SUBSCRIPTION', start: '2026-06-01', partnerId: augustus } });
    expect((await requisition(edge, draft.contract.id, ok)).status).toBe(409);
    expect((await edge.call('GET', `${base}/requisitions/${ok.requisitionId}`, { as: 'john.smith' })).status).toBe(404);
    expect(await edge.expect(200, 'GET', `${base}/contracts/${id}/requisitions`, { as: augustus })).toEqual([]);
    // A sales rep may order for the holder.
    expect((await requisition(edge, id, ok, 'john.smith')).status).toBe(202);
    expect((await requisitionWhen(edge, ok.requisitionId, final)).state).toBe('CONFIRMED');
    const other = await edge.expect(200, 'GET', `${base}/requisitions/${ok.requisitionId}`, { as: augustus });
    expect(other.state).toBe('CONFIRMED');
    expect((await edge.call('GET', `${base}/requisitions/${ok.requisitionId}`, { as: tiberius })).status).toBe(403);
  });

  it('step 3: not confirmed within the deadline (distribution paused) → REJECTED_DUE_TO_DEADLINE, the quota released, the late delivery cancelled', async () => {
    const id = await runningContract(edge, { quantity: 10 });
    await pause(edge, 'distribution');
    const requisitionId = newId('r-late');
    try {
      expect((await requisition(edge, id, { requisitionId, quantity: 3, deliverBy })).status).toBe(202);
      await eventually(async () => (await quotaOf(edge, id)).claimed === 3, 10_000, 'the boxes reserved');
      const rejected = await requisitionWhen(edge, requisitionId, final);
      expect(rejected).toMatchObject({ state: 'REJECTED_DUE_TO_DEADLINE', reason: expect.stringContaining('10 s') });
      await eventually(async () => (await quotaOf(edge, id)).claimed === 0, 10_000, 'the boxes released');
    } finally {
      await resume(edge, 'distribution');
    }
    // The delivery organised after the deadline is cancelled (or never scheduled, when the cancel came first).
    await eventually(async () => (await deliveries(edge, id)).every((d) => d.state === 'CANCELLED'), 10_000, 'no delivery left scheduled');
    await sleep(1_000);
    expect((await deliveries(edge, id)).filter((d) => d.state === 'SCHEDULED')).toEqual([]);
    expect((await requisitionWhen(edge, requisitionId, final)).state).toBe('REJECTED_DUE_TO_DEADLINE');
    expect(await quotaOf(edge, id)).toEqual({ total: 10, claimed: 0 });
  });

  it('step 3 with contracts paused: the release overtakes the reservation, which is then never made', async () => {
    const id = await runningContract(edge, { quantity: 10 });
    await pause(edge, 'contracts');
    const requisitionId = newId('r-paused-contracts');
    try {
      expect((await requisition(edge, id, { requisitionId, quantity: 4, deliverBy })).status).toBe(202);
      expect((await requisitionWhen(edge, requisitionId, final)).state).toBe('REJECTED_DUE_TO_DEADLINE');
    } finally {
      await resume(edge, 'contracts');
    }
    await sleep(2_000);
    expect(await quotaOf(edge, id)).toEqual({ total: 10, claimed: 0 });
    expect((await deliveries(edge, id)).filter((d) => d.state === 'SCHEDULED')).toEqual([]);
  });

  it('ContractTerminated: PENDING requisitions → REJECTED_CONTRACT_TERMINATED with the quota released; deliveries after the end cancelled', async () => {
    const id = await runningContract(edge, { quantity: 20 });
    const early = newId('r-before-end');
    const late = newId('r-after-end');
    expect((await requisition(edge, id, { requisitionId: early, quantity: 2, deliverBy: '2027-01-10' })).status).toBe(202);
    expect((await requisition(edge, id, { requisitionId: late, quantity: 3, deliverBy: '2027-03-10' })).status).toBe(202);
    expect((await requisitionWhen(edge, early, final)).state).toBe('CONFIRMED');
    expect((await requisitionWhen(edge, late, final)).state).toBe('CONFIRMED');
    await pause(edge, 'distribution');
    const pending = newId('r-pending');
    try {
      expect((await requisition(edge, id, { requisitionId: pending, quantity: 4, deliverBy: '2027-01-20' })).status).toBe(202);
      await eventually(async () => (await quotaOf(edge, id)).claimed === 9, 10_000, 'the pending boxes reserved');
      await publishTermination(edge, id, '2027-01-31');
      const rejected = await requisitionWhen(edge, pending, final, 'the pending requisition rejected', 4_000);
      expect(rejected).toMatchObject({ state: 'REJECTED_CONTRACT_TERMINATED', reason: expect.stringContaining('2027-01-31') });
      await eventually(async () => (await quotaOf(edge, id)).claimed === 5, 10_000, 'the pending boxes released');
    } finally {
      await resume(edge, 'distribution');
    }
    await eventually(async () => {
      const all = await deliveries(edge, id);
      const byRequisition = Object.fromEntries(all.map((d) => [d.requisitionId, d.state]));
      return byRequisition[early] === 'SCHEDULED' && byRequisition[late] === 'CANCELLED' && byRequisition[pending] !== 'SCHEDULED';
    }, 10_000, 'the delivery after the end cancelled, the one before kept');
  });

  it('an approved one-off contract gets one delivery on its start day (GET /deliveries?contractId=)', async () => {
    const id = await runningContract(edge, { productId: 'COOKIES_MILKSHAKE', quantity: 5, start: '2026-07-01' });
    const [delivery, ...more] = await eventually(async () => {
      const all = await deliveries(edge, id, augustus);
      return all.length > 0 ? all : undefined;
    }, 10_000, 'the one-off delivery');
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ contractId: id, quantity: 5, date: '2026-07-01', state: 'SCHEDULED', address: { partnerId: augustus } });
    expect(delivery.requisitionId).toBeUndefined();
    expect((await edge.call('GET', `${base}/deliveries?contractId=${id}`, { as: tiberius })).status).toBe(403);
    expect((await edge.call('GET', `${base}/deliveries`, { as: augustus })).status).toBe(400);
  });
});
