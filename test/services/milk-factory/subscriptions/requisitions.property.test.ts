import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommand, type Envelope } from '../../../../actors/mod.ts';
import { milkfactoryLandscape } from '../../../../services/milk-factory/mod.ts';
import { testDatabase } from '../../../support/actor-system.ts';
import { TestEdge } from '../../../support/landscape-edge.ts';
import { eventually, sleep } from '../../../support/wait.ts';
import { tableOf } from '../billing/billing-helpers.ts';
import { tiberius } from '../sales-helpers.ts';
import { augustus, base, deliveries, pause, quotaOf, requisition, resume, runningContract } from './subscription-helpers.ts';
import { seededRandom } from '../../../support/seeded-random.ts';
import { testInternals } from '../../../../actors/testing.ts';

// Bounded: 40 requisitions of 1..3 boxes over 3 subscriptions of 20 (so some exceed the
// quota), TIME_SCALE 0.5 (5 s deadlines), pauses of the distribution and contracts
// mailboxes of 0.5..6 s (so some requisitions miss their deadline), copies of the commands and answers the processes really sent (fresh ids: only
// the services' records recognise them) and the same envelopes again (the inbox does).
const requisitionCount = 40;
const seed = Number(process.env.REQUISITIONS_SEED ?? Date.now() % 1_000_000);

let edge: TestEdge;
const sql = testDatabase();
beforeAll(async () => { edge = await TestEdge.start('mf-req-property', [milkfactoryLandscape], { timeScale: 0.5 }); });
afterAll(async () => { await sql.end(); await edge?.cleanup(); });

interface Placed { requisitionId: string; contractId: string; quantity: number; deliverBy: string }
const bodyOf = ({ requisitionId, quantity, deliverBy }: Placed) => ({ requisitionId, quantity, deliverBy });

describe('requisitions: claimed stays exact under pauses, redeliveries and duplicates (property)', () => {
  it('ends every requisition final, with claimed = the boxes of CONFIRMED requisitions and no CANCELLED delivery of a CONFIRMED one', async () => {
    const next = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const subscriptions = [
      { id: await runningContract(edge, { quantity: 20 }), holder: augustus },
      { id: await runningContract(edge, { quantity: 20, start: '2026-07-01' }), holder: augustus },
      { id: await runningContract(edge, { quantity: 20, holder: tiberius }), holder: tiberius },
    ];
    const placed: Placed[] = [];
    const sent: Array<{ service: string; message: Envelope }> = [];
    const counts = { pauses: 0, duplicates: 0, redeliveries: 0, duplicatePosts: 0 };

    /** A copy (fresh id) of a message the processes really sent for this requisition, read from the services' records. */
    async function copyOfSent(r: Placed): Promise<{ service: string; message: Envelope } | undefined> {
      const quota = { requisitionId: r.requisitionId, contractId: r.contractId, quantity: r.quantity };
      const [decision] = await sql.unsafe(`select state from ${tableOf(edge.namespace, 'contracts', 'quota_reservations')} where requisition_id = $1`, [r.requisitionId]);
      const [delivery] = await sql.unsafe(`select delivery_id, date::text as date from ${tableOf(edge.namespace, 'distribution', 'deliveries')} where requisition_id = $1`, [r.requisitionId]);
      const [row] = await sql.unsafe(`select state from ${tableOf(edge.namespace, 'requisition', 'requisitions')} where requisition_id = $1`, [r.requisitionId]);
      const options: Array<[string, string, Record<string, unknown>]> = [['contracts', 'ReserveQuota', quota]];
      const answer = { RESERVED: 'QuotaReserved', EXCEEDED: 'QuotaExceeded', NOT_RUNNING: 'ContractNotRunning' }[decision?.state as string];
      if (answer) options.push(['requisition', answer, { ...quota, claimed: 0, total: 0 }]);
      if (decision?.state === 'RESERVED') options.push(['distribution', 'OrganiseDistribution', { ...quota, deliverBy: r.deliverBy, address: { partnerId: 'x', street: 's', houseNumber: '1', postcode: '00184', city: 'Rome', country: 'IT' } }]);
      if (delivery) options.push(['requisition', 'DistributionOrganised', { requisitionId: r.requisitionId, contractId: r.contractId, deliveryId: delivery.delivery_id, date: delivery.date }]);
      if (typeof row?.state === 'string' && row.state.startsWith('REJECTED') && row.state !== 'REJECTED_QUOTA_EXCEEDED') {
        options.push(['contracts', 'ReleaseQuota', quota], ['distribution', 'CancelDistribution', { requisitionId: r.requisitionId, contractId: r.contractId }]);
      }
      const [service, type, data] = pick(options);
      return { service, message: createCommand(type, data, { source: 'test-duplicator' }) };
    }

    let chaos = true;
    const pauses = (async () => {
      while (chaos) {
        const service = pick(['distribution', 'contracts', 'distribution'] as const);
        await pause(edge, service);
        counts.pauses += 1;
        await sleep(500 + next() * 5_500);
        await resume(edge, service);
        await sleep(next() * 800);
      }
    })();
    const copies = (async () => {
      while (chaos) {
        await sleep(50 + next() * 200);
        if (placed.length === 0) continue;
        if (sent.length > 0 && next() < 0.3) {
          const { service, message } = pick(sent); // the very envelope again: the inbox recognises it
          await testInternals(edge.system).bus.send('milk-factory', service, message);
          counts.redeliveries += 1;
          continue;
        }
        const copy = await copyOfSent(pick(placed));
        if (!copy) continue;
        await testInternals(edge.system).bus.send('milk-factory', copy.service, copy.message);
        sent.push(copy);
        counts.duplicates += 1;
      }
    })();

    try {
    for (let i = 0; i < requisitionCount; i += 1) {
      const subscription = pick(subscriptions);
      const r: Placed = {
        requisitionId: `prop-${seed}-${i}`, contractId: subscription.id, quantity: 1 + Math.floor(next() * 3),
        deliverBy: `2027-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}`,
      };
      const answer = await requisition(edge, r.contractId, bodyOf(r), subscription.holder);
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
      placed.push(r);
      if (next() < 0.2) {
        const again = pick(placed);
        const owner = subscriptions.find((s) => s.id === again.contractId)!.holder;
        expect((await requisition(edge, again.contractId, bodyOf(again), owner)).status).toBe(202);
        counts.duplicatePosts += 1;
      }
      await sleep(next() * 500);
    }
    } finally {
      chaos = false;
      await Promise.all([pauses, copies]);
    }
    for (const service of ['distribution', 'contracts']) await resume(edge, service);

    // Every requisition final: the deadline guarantees it.
    await eventually(async () => {
      for (const s of subscriptions) {
        const all = await edge.expect(200, 'GET', `${base}/contracts/${s.id}/requisitions`, { as: 'john.smith' });
        if (all.some((r: any) => r.state === 'PENDING')) return false;
      }
      return true;
    }, 60_000, 'every requisition final');
    // Compensation may still be on its way: wait until the invariant holds, then check it stays so.
    await eventually(async () => (await violations(subscriptions.map((s) => s.id), placed)).length === 0, 30_000, 'the invariant').catch(() => undefined);
    await sleep(1_500);
    expect(await violations(subscriptions.map((s) => s.id), placed)).toEqual([]);

    const states: Record<string, number> = {};
    for (const s of subscriptions) {
      for (const r of await edge.expect(200, 'GET', `${base}/contracts/${s.id}/requisitions`, { as: 'john.smith' })) states[r.state] = (states[r.state] ?? 0) + 1;
    }
    const claimed = await Promise.all(subscriptions.map(async (s) => (await quotaOf(edge, s.id)).claimed));
    console.log(`requisitions property: ${JSON.stringify({ seed, requisitions: requisitionCount, ...states, claimed, ...counts })}`);
    expect(Object.values(states).reduce((a, b) => a + b, 0)).toBe(requisitionCount);
  }, 240_000); // three contracts drafted, 40 requests, then every one final: minutes on a loaded machine
});

/** Every way the end state breaks the spec's invariant, per subscription and requisition. */
async function violations(contractIds: readonly string[], placed: readonly Placed[]): Promise<string[]> {
  const problems: string[] = [];
  for (const contractId of contractIds) {
    const requisitions: any[] = await edge.expect(200, 'GET', `${base}/contracts/${contractId}/requisitions`, { as: 'john.smith' });
    const confirmed = requisitions.filter((r) => r.state === 'CONFIRMED');
    const boxes = confirmed.reduce((sum, r) => sum + r.quantity, 0);
    const { claimed, total } = await quotaOf(edge, contractId);
    if (claimed !== boxes) problems.push(`${contractId}: claimed ${claimed}, CONFIRMED boxes ${boxes}`);
    if (claimed > total) problems.push(`${contractId}: claimed ${claimed} over the total ${total}`);
    const all: any[] = await deliveries(edge, contractId);
    const byRequisition = new Map<string, any[]>();
    for (const d of all) byRequisition.set(d.requisitionId, [...(byRequisition.get(d.requisitionId) ?? []), d]);
    for (const r of requisitions) {
      const own = byRequisition.get(r.requisitionId) ?? [];
      if (r.state === 'PENDING') problems.push(`${r.requisitionId} still PENDING`);
      if (r.state === 'CONFIRMED') {
        if (own.some((d) => d.state === 'CANCELLED')) problems.push(`${r.requisitionId} CONFIRMED with a CANCELLED delivery`);
        if (own.length !== 1 || own[0].deliveryId !== r.deliveryId) problems.push(`${r.requisitionId} CONFIRMED with ${own.length} deliveries`);
      } else if (own.some((d) => d.state === 'SCHEDULED')) {
        problems.push(`${r.requisitionId} ${r.state} with a SCHEDULED delivery`);
      }
    }
  }
  const listed = placed.filter((p) => contractIds.includes(p.contractId)).length;
  if (listed !== placed.length) problems.push('a requisition of an unknown contract');
  return problems;
}
