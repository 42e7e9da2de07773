import { Buffer } from 'node:buffer';
import type { Message } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { createCommand, encodeMessage, headers } from '../../../actors/mod.ts';
import { readParkedDelivery } from '../../../actors/dead-letters/parked-delivery.ts';
import { redeliveryProperties } from '../../../actors/dead-letters/redelivery.ts';

/** A delivery as amqplib hands it over, from the parked queue `shop.orders.parked`. */
function delivery(content: Buffer, properties: object, extraHeaders: Record<string, unknown>): Message {
  const base = properties as { headers?: Record<string, unknown> };
  return {
    content,
    fields: { deliveryTag: 1, redelivered: false, exchange: '', routingKey: 'shop.orders.parked' },
    properties: { ...properties, headers: { ...base.headers, ...extraHeaders } },
  } as unknown as Message;
}

const command = createCommand('Place', { item: 'milk' }, { source: 'test' });
const encoded = encodeMessage(command);
const parkedBy = (at: string, more: Record<string, unknown> = {}) => ({
  [headers.parkReason]: 'retries-exhausted', [headers.errorClass]: 'Error', [headers.errorMessage]: 'db down',
  [headers.errorStack]: 'Error: db down\n    at x', [headers.originalQueue]: 'shop.orders', [headers.attempts]: 4,
  [headers.parkedAt]: at, [headers.originalExchange]: 'shop.commands', [headers.originalRoutingKey]: 'orders',
  [headers.attempt]: 4, [headers.signature]: 'sig', ...more,
});
const actor = { landscape: 'shop', service: 'orders' };

describe('reading a parked delivery', () => {
  it('takes reason, error, queue, attempts and time from the parking headers, and keeps the body as it was', async () => {
    const row = await readParkedDelivery(delivery(encoded.content, encoded.properties, parkedBy('2030-01-01T00:00:00.000Z')), 'shop.orders.parked', actor, 0);
    expect(row).toMatchObject({
      message_id: command.id, queue: 'shop.orders', parked_queue: 'shop.orders.parked', landscape: 'shop', service: 'orders',
      type: 'Place', reason: 'retries-exhausted', error_class: 'Error', error_message: 'db down', error_stack: 'Error: db down\n    at x',
      attempts: 4, parked_at: new Date('2030-01-01T00:00:00.000Z'), message: { id: command.id, data: { item: 'milk' } },
    });
    expect(Buffer.from(row.body).equals(encoded.content)).toBe(true);
    // What has a column is not kept twice; what a re-publish needs is.
    expect(row.properties.headers).not.toHaveProperty(headers.errorStack);
    expect(row.properties).toMatchObject({ messageId: command.id, type: 'Place', correlationId: command.metadata.correlationId, headers: { [headers.signature]: 'sig' } });
  });

  it('reads what the broker dead-lettered from its death headers', async () => {
    const death = { 'x-first-death-reason': 'expired', 'x-first-death-queue': 'shop.orders.1', 'x-death': [{ queue: 'shop.orders.1', reason: 'expired', count: 1, time: 1_900_000_000 }] };
    const row = await readParkedDelivery(delivery(encoded.content, encoded.properties, death), 'shop.orders.parked', actor, Date.parse('2030-01-01T00:00:00Z'));
    expect(row).toMatchObject({ reason: 'expired', queue: 'shop.orders.1', error_class: null, attempts: 1, parked_at: new Date('2030-01-01T00:00:00Z') });
    expect(row.error_message).toContain('shop.orders.1');
  });

  it('keeps a body that is no envelope as raw bytes, without a message', async () => {
    const row = await readParkedDelivery(delivery(Buffer.from('{oops'), {}, parkedBy('2030-01-01T00:00:00.000Z', { [headers.parkReason]: 'malformed' })), 'shop.orders.parked', actor, 0);
    expect(row).toMatchObject({ message_id: null, type: null, message: null, reason: 'malformed' });
    expect(Buffer.from(row.body).toString()).toBe('{oops');
  });

  it('replaces NUL, which Postgres text and jsonb refuse, in what it reads; the body keeps it', async () => {
    const nul = createCommand('Place', { 'item\u0000': 'mi\u0000lk' }, { source: 'test' });
    const { content, properties } = encodeMessage(nul);
    const row = await readParkedDelivery(delivery(content, properties, parkedBy('2030-01-01T00:00:00.000Z', { [headers.errorMessage]: 'bad\u0000byte' })), 'shop.orders.parked', actor, 0);
    expect(row.message).toMatchObject({ data: { 'item\uFFFD': 'mi\uFFFDlk' } });
    expect(row.error_message).toBe('bad\uFFFDbyte');
    expect(Buffer.from(row.body).equals(content)).toBe(true);
  });

  it('tells a redelivery from the same message parked again after a retry', async () => {
    const key = async (extra: Record<string, unknown>, content = encoded.content, properties: object = encoded.properties) =>
      (await readParkedDelivery(delivery(content, properties, extra), 'shop.orders.parked', actor, 0)).dedupe_key;
    const first = await key(parkedBy('2030-01-01T00:00:00.000Z'));
    expect(await key(parkedBy('2030-01-01T00:00:00.000Z', { 'x-delivery-count': 1 }))).toBe(first);
    expect(await key(parkedBy('2030-01-01T00:00:05.000Z', { [headers.retriedFrom]: 'dl-1' }))).not.toBe(first);
    // Without a message id, the body and the parking time tell them apart.
    const bare = (at: string) => key(parkedBy(at, { [headers.parkReason]: 'malformed' }), Buffer.from('{oops'), {});
    expect(await bare('2030-01-01T00:00:00.000Z')).toBe(await bare('2030-01-01T00:00:00.000Z'));
    expect(await bare('2030-01-01T00:00:00.000Z')).not.toBe(await bare('2030-01-01T00:00:01.000Z'));
  });
});

describe('the properties of a retried message', () => {
  it('keep the ids, signature and origin; drop the parking, attempt and broker headers; name the dead letter', () => {
    const stored = {
      messageId: 'm-1', correlationId: 'c-1', type: 'Place', appId: 'test', timestamp: 5, contentType: 'application/json',
      headers: {
        [headers.signature]: 'sig', [headers.causationId]: 'cause', [headers.originalExchange]: 'shop.commands',
        [headers.originalRoutingKey]: 'orders', [headers.attempt]: 4, [headers.returnTo]: 'shop.orders', [headers.parkReason]: 'x',
        'x-death': [{}], 'x-first-death-reason': 'expired', 'x-last-death-queue': 'q', 'x-delivery-count': 2, [headers.retriedFrom]: 'old',
      },
    };
    expect(redeliveryProperties(stored, 'dl-2')).toEqual({
      messageId: 'm-1', correlationId: 'c-1', type: 'Place', appId: 'test', timestamp: 5, contentType: 'application/json', persistent: true,
      headers: {
        [headers.signature]: 'sig', [headers.causationId]: 'cause', [headers.originalExchange]: 'shop.commands',
        [headers.originalRoutingKey]: 'orders', [headers.retriedFrom]: 'dl-2',
      },
    });
  });
});
