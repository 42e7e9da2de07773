import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vouchersMailboxTtl } from '../../../services/vouchers/vouchers/vouchers-actor.ts';
import { eventually, sleep } from '../../support/wait.ts';
import { VouchersEdge } from './vouchers-edge.ts';

// 2 days × 0.00005 ≈ 8.6 s: room for a slow machine between publishing and the half-way look.
const timeScale = 0.00005;
let v: VouchersEdge;
beforeAll(async () => { v = await VouchersEdge.start('vouchers-ttl', { timeScale }); });
afterAll(() => v?.cleanup());

describe('the vouchers mailbox TTL of 2 days', () => {
  it('moves a message not consumed in time to the dead letters, where it is visible and can be retried into a voucher', async () => {
    expect(vouchersMailboxTtl).toBe(2 * 24 * 3_600_000);
    const queue = encodeURIComponent(v.vouchersQueue);
    await v.edge.expect(200, 'POST', `/api/admin/actors/${queue}/pause`, { as: 'admin' });

    const order = await v.createOrder({ netTotal: 85 });
    await v.deliver(order.id);
    const [created, updated] = await eventually(async () => {
      const events = await v.publicationsOf(order.id);
      return events.length === 2 && events.every((e) => e.status === 'published') && events;
    }, 10_000, 'both events published');

    // Half the TTL later it still waits in the mailbox.
    await sleep(vouchersMailboxTtl * timeScale / 2);
    expect(await v.edge.expect(200, 'GET', `/api/admin/dead-letters?queue=${queue}`, { as: 'admin' })).toEqual([]);

    const letters = await eventually(async () => {
      const list = await v.edge.expect(200, 'GET', `/api/admin/dead-letters?queue=${queue}`, { as: 'admin' });
      return list.length === 2 && list;
    }, 20_000, 'both events in the dead letters');
    expect(letters.map((l: any) => l.messageId).sort()).toEqual([created!.id, updated!.id].sort());
    for (const letter of letters) expect(letter).toMatchObject({ reason: 'expired', status: 'parked', queue: v.vouchersQueue });
    expect(await v.vouchersOf(order.id)).toEqual([]);

    await v.edge.expect(200, 'POST', `/api/admin/actors/${queue}/resume`, { as: 'admin' });
    const letter = letters.find((l: any) => l.messageId === updated!.id);
    await v.edge.expect(200, 'POST', `/api/admin/dead-letters/${letter.id}/retry`, { as: 'admin' });
    await eventually(async () => (await v.vouchersOf(order.id)).length === 1, 10_000, 'the voucher after the retry');
  });
});
