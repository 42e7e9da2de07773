import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, encodeMessage, headers } from '../../../actors/mod.ts';
import { eventually } from '../../support/wait.ts';
import { VouchersEdge } from './vouchers-edge.ts';
import { testInternals } from '../../../actors/testing.ts';

let v: VouchersEdge;
beforeAll(async () => { v = await VouchersEdge.start('vouchers-invalid', { timeScale: 0.01 }); });
afterAll(() => v?.cleanup());

const order = (fields: Record<string, unknown>) => ({ order: { id: 'ORDER-X', netTotal: 200, vatRate: 0.19, deliverySent: true, orderDate: '2026-01-01', ...fields } });

/** Sends a signed body straight into the vouchers mailbox, as a faulty producer on the bus would. */
async function sendRaw(content: Buffer, properties: { messageId: string; type: string; headers?: Record<string, unknown> }) {
  const props = { ...properties, appId: 'vouchers.orders', persistent: true, headers: { ...properties.headers } };
  props.headers[headers.signature] = testInternals(v.edge.system).bus.signer.sign(content, props);
  await testInternals(v.edge.system).bus.redeliver(v.vouchersQueue, content, props);
}

async function parked(messageId: string) {
  const letters = await v.edge.expect(200, 'GET', `/api/admin/dead-letters?queue=${v.vouchersQueue}`, { as: 'admin' });
  return letters.find((letter: any) => letter.messageId === messageId);
}

describe('invalid messages in the vouchers mailbox', () => {
  it('parks a message with a missing order id, bad JSON or an unknown type at once, with its reason, and keeps handling valid ones', async () => {
    const { id: _id, ...withoutId } = order({}).order;
    const missingId = createEvent('OrderUpdated', { order: withoutId }, { source: 'vouchers.orders' });
    const wrongField = createEvent('OrderUpdated', order({ netTotal: '200' }), { source: 'vouchers.orders' });
    await testInternals(v.edge.system).bus.publish('vouchers', missingId);
    await testInternals(v.edge.system).bus.publish('vouchers', wrongField);

    const badJsonId = crypto.randomUUID();
    await sendRaw(Buffer.from('{"id": "broken", "type": "OrderUpdated", '), { messageId: badJsonId, type: 'OrderUpdated' });

    const unknown = createEvent('OrderDeleted', order({}), { source: 'vouchers.orders' });
    const encoded = encodeMessage(unknown);
    await sendRaw(encoded.content, { messageId: unknown.id, type: unknown.type, headers: encoded.properties.headers });

    // A valid order goes through in the meantime.
    const valid = await v.createOrder({ netTotal: 85 });
    await v.deliver(valid.id);
    await eventually(async () => (await v.vouchersOf(valid.id)).length === 1, 15_000, 'the valid order\'s voucher');

    const expected: Array<[string, string]> = [[missingId.id, 'invalid'], [wrongField.id, 'invalid'], [badJsonId, 'malformed'], [unknown.id, 'unknown-type']];
    for (const [messageId, reason] of expected) {
      const letter = await eventually(() => parked(messageId), 15_000, `${reason} message parked`);
      expect(letter, reason).toMatchObject({ reason, attempts: 1, status: 'parked' });
    }
    // None of them was retried: each was handled (parked) once, never through the waiting rooms.
    expect(await v.vouchersOf('ORDER-X')).toEqual([]);
  });
});
