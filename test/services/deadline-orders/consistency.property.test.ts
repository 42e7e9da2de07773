import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../actors/mod.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { base, OrdersEdge, type Status } from './deadline-orders-edge.ts';
import { seededRandom } from '../../support/seeded-random.ts';

// Bounded: 40 orders, TIME_SCALE 0.2 (2 s deadlines, 2 s fault waits), pauses up to 2.5 s.
const orderCount = 40;
const holders = ['ann', 'bob', 'cho', 'dan'];
const initialPoints = 2_000;
const seed = Number(process.env.DEADLINE_ORDERS_SEED ?? Date.now() % 1_000_000);

let orders: OrdersEdge;
beforeAll(async () => { orders = await OrdersEdge.start('do-property', { timeScale: 0.2 }); });
afterAll(() => orders?.cleanup());

describe('deadline-orders: consistency under pauses and redeliveries (property)', () => {
  it('ends every order final (pauses, redeliveries, early alarms), with approved ⇔ one live exchange and one debit, rejected ⇔ no live exchange and the balance restored', async () => {
    const next = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    for (const holder of holders) await orders.setPoints(holder, initialPoints);
    const stream = await orders.edge.stream('deadline-orders');
    const counts = { pauses: 0, redeliveredSameId: 0, redeliveredFreshId: 0, earlyDeadlines: 0 };
    const placed: Array<{ orderId: string; holderId: string; amount: number }> = [];

    let chaos = true;
    const pauses = (async () => {
      while (chaos) {
        // The order service too: a PointsUsed that waits there past the deadline races the DeadlineReached.
        const service = pick(['exchange', 'point', 'exchange', 'point', 'order'] as const);
        await orders.pause(service);
        counts.pauses += 1;
        await sleep(200 + next() * 2_300);
        await orders.resume(service);
        await sleep(next() * 600);
      }
    })();
    const redeliveries = (async () => {
      while (chaos) {
        await sleep(50 + next() * 150);
        const seen = stream.messages.filter((m) => m.type !== 'Error');
        if (seen.length === 0) continue;
        const message: Envelope = pick(seen);
        if (next() < 0.5) {
          await orders.publish(message); // the very message again: the inbox recognises it
          counts.redeliveredSameId += 1;
        } else {
          await orders.publish(orders.duplicate(message)); // a copy under a new id: the services' records must
          counts.redeliveredFreshId += 1;
        }
      }
    })();

    // Alarms that ring early (as a skewed clock would): orders rejected after their points
    // were used, or while they are being used, so the refund path runs too.
    const earlyDeadlines = (async () => {
      while (chaos) {
        await sleep(200 + next() * 400);
        if (placed.length === 0 || next() < 0.5) continue;
        const { orderId, holderId } = pick(placed);
        await orders.publish(orders.duplicate({ type: 'DeadlineReached', data: { orderId, holderId, deadline: new Date().toISOString() } }));
        counts.earlyDeadlines += 1;
      }
    })();

    for (let i = 0; i < orderCount; i += 1) {
      const holderId = pick(holders);
      const amount = 1 + Math.floor(next() * 900);
      const currencyId = next() < 0.1 ? pick([100, 200]) : 1;
      placed.push({ orderId: await orders.place(holderId, amount, currencyId), holderId, amount });
      await sleep(next() * 200);
    }
    chaos = false;
    await Promise.all([pauses, redeliveries, earlyDeadlines]);

    // Every order reaches a final status: the deadline guarantees it.
    await eventually(async () => {
      const all: Array<{ status: Status }> = await orders.edge.expect(200, 'GET', `${base}/orders`);
      return all.length === orderCount && all.every((o) => o.status !== 'PENDING');
    }, 60_000, 'every order final');

    // Compensation may still be on its way: wait until the invariant holds, then check it stays so.
    await eventually(async () => (await violations(placed)).length === 0, 30_000, 'the invariant').catch(() => undefined);
    await sleep(1_000);
    const found = await violations(placed);
    expect(found).toEqual([]);

    const all: Array<{ status: Status }> = await orders.edge.expect(200, 'GET', `${base}/orders`);
    const transactions: Array<{ kind: string }> = await orders.edge.expect(200, 'GET', `${base}/transactions`);
    const byStatus = Object.fromEntries(['APPROVED', 'REJECTED_DUE_TO_POINT_LIMIT', 'REJECTED_DUE_TO_DEADLINE'].map((s) => [s, all.filter((o) => o.status === s).length]));
    const summary = { seed, orders: orderCount, ...byStatus, debits: transactions.filter((t) => t.kind === 'DEBIT').length, refunds: transactions.filter((t) => t.kind === 'REFUND').length, ...counts };
    console.log(`deadline-orders property: ${JSON.stringify(summary)}`);
    expect(byStatus.APPROVED! + byStatus.REJECTED_DUE_TO_POINT_LIMIT! + byStatus.REJECTED_DUE_TO_DEADLINE!).toBe(orderCount);
  });
});

/** Every way the end state breaks the spec's invariant, per order and per holder. */
async function violations(placed: ReadonlyArray<{ orderId: string; holderId: string; amount: number }>): Promise<string[]> {
  const all: Array<{ orderId: string; status: Status }> = await orders.edge.expect(200, 'GET', `${base}/orders`);
  const live: Array<{ orderId: string }> = await orders.edge.expect(200, 'GET', `${base}/exchanges`);
  const transactions: Array<{ orderId: string; kind: 'DEBIT' | 'REFUND'; amount: number }> = await orders.edge.expect(200, 'GET', `${base}/transactions`);
  const status = new Map(all.map((o) => [o.orderId, o.status]));
  const problems: string[] = [];
  for (const { orderId, amount } of placed) {
    const exchanges = live.filter((e) => e.orderId === orderId).length;
    const debits = transactions.filter((t) => t.orderId === orderId && t.kind === 'DEBIT');
    const refunds = transactions.filter((t) => t.orderId === orderId && t.kind === 'REFUND');
    const s = status.get(orderId);
    if (s === 'APPROVED') {
      if (exchanges !== 1 || debits.length !== 1 || refunds.length !== 0 || debits[0]!.amount !== amount) {
        problems.push(`${orderId} APPROVED with ${exchanges} live exchange(s), ${debits.length} debit(s), ${refunds.length} refund(s)`);
      }
    } else if (s === 'REJECTED_DUE_TO_POINT_LIMIT' || s === 'REJECTED_DUE_TO_DEADLINE') {
      if (exchanges !== 0 || debits.length !== refunds.length || debits.length > 1) {
        problems.push(`${orderId} ${s} with ${exchanges} live exchange(s), ${debits.length} debit(s), ${refunds.length} refund(s)`);
      }
    } else {
      problems.push(`${orderId} is ${s ?? 'missing'}`);
    }
  }
  for (const holder of holders) {
    const approved = placed.filter((o) => o.holderId === holder && status.get(o.orderId) === 'APPROVED').reduce((sum, o) => sum + o.amount, 0);
    const point = await orders.points(holder);
    if (point !== initialPoints - approved) problems.push(`${holder} has ${point} points, expected ${initialPoints} - ${approved}`);
  }
  return problems;
}
