import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaName } from '../../../actors/mod.ts';
import { eventually } from '../../support/wait.ts';
import { VouchersEdge } from './vouchers-edge.ts';

let v: VouchersEdge;
beforeAll(async () => { v = await VouchersEdge.start('vouchers-failures', { timeScale: 0.01, allowForcedErrors: true }); });
afterAll(() => v?.cleanup());

async function parkedLetter(orderId: string) {
  const letters = await v.edge.expect(200, 'GET', `/api/admin/dead-letters?queue=${v.vouchersQueue}`, { as: 'admin' });
  return letters.find((letter: any) => letter.type === 'OrderUpdated' && letter.message?.data?.order?.id === orderId);
}

describe('voucher processing that fails', () => {
  it('is tried again after a technical error and then gives its voucher', async () => {
    const order = await v.createOrder({ netTotal: 100 });
    await v.deliver(order.id, { 'x-force-error': 'technical@vouchers.vouchers' });
    await eventually(async () => (await v.vouchersOf(order.id)).length === 1, 15_000, 'the voucher after one retry');
  });

  it('is parked after 3 tries when the handler fails every time', async () => {
    const order = await v.createOrder({ netTotal: 100 });
    await v.deliver(order.id, { 'x-force-error': 'technical-always@vouchers.vouchers' });
    const letter = await eventually(() => parkedLetter(order.id), 15_000, 'the parked OrderUpdated');
    expect(letter).toMatchObject({ reason: 'retries-exhausted', attempts: 3, error: { class: 'TechnicalError' } });
    expect(await v.vouchersOf(order.id)).toEqual([]);
  });

  it('is parked after 3 tries while its table is unusable, and a manual retry once the fault is gone gives exactly one voucher', async () => {
    const table = `"${schemaName(v.edge.namespace, 'vouchers_vouchers')}".vouchers`;
    await v.sql.unsafe(`alter table ${table} rename to vouchers_away`);
    let letter: any;
    try {
      const order = await v.createOrder({ netTotal: 100 });
      await v.deliver(order.id);
      letter = await eventually(() => parkedLetter(order.id), 15_000, 'the parked OrderUpdated');
      expect(letter).toMatchObject({ reason: 'retries-exhausted', attempts: 3 });
      expect(letter.error.message).toMatch(/vouchers/);
    } finally {
      await v.sql.unsafe(`alter table "${schemaName(v.edge.namespace, 'vouchers_vouchers')}".vouchers_away rename to vouchers`);
    }
    const orderId = letter.message.data.order.id as string;
    expect(await v.vouchersOf(orderId)).toEqual([]);

    await v.edge.expect(200, 'POST', `/api/admin/dead-letters/${letter.id}/retry`, { as: 'admin' });
    await eventually(async () => (await v.vouchersOf(orderId)).length === 1, 15_000, 'the voucher after the manual retry');
    expect((await v.edge.call('POST', `/api/admin/dead-letters/${letter.id}/retry`, { as: 'admin' })).status).toBe(409);
    await eventually(() => v.handledByVouchers(letter.messageId), 10_000, 'the retried message handled');
    expect(await v.vouchersOf(orderId)).toHaveLength(1);
  });
});
