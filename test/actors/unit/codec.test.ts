import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { createCommand, decodeMessage, encodeMessage, headers } from '../../../actors/mod.ts';
import { bodyText } from '../../../actors/envelope/codec.ts';

describe('codec', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const message = createCommand('Transfer', { amount: 5, note: { nested: true } }, {
    source: 'gateway', sessionId: 'tab', requestId: 'req', partitionKey: 'DE89', deadline: new Date(now + 1_500),
    clock: { now: () => now },
  });

  it('mirrors the envelope ids into AMQP properties so the management UI shows them', () => {
    const { properties } = encodeMessage(message, now);
    expect(properties).toMatchObject({
      messageId: message.id, correlationId: message.metadata.correlationId, type: 'Transfer', appId: 'gateway',
      contentType: 'application/json', persistent: true, expiration: '1500', timestamp: now / 1000,
    });
    expect(properties.headers).toEqual({
      [headers.sessionId]: 'tab', [headers.requestId]: 'req',
      [headers.partitionKey]: 'DE89', [headers.deadline]: message.metadata.deadline,
    });
  });

  it('round-trips the envelope, keeping unknown fields, with the attempt from its header', () => {
    const { content } = encodeMessage(message, now);
    const body = JSON.parse(content.toString());
    body.data.addedByNewerProducer = 1;
    body.metadata.futureField = 'kept';
    const decoded = decodeMessage({ content: Buffer.from(JSON.stringify(body)), properties: { headers: { [headers.attempt]: 3 } } });
    expect(decoded.ok && decoded.message).toEqual({
      ...message,
      data: { ...message.data, addedByNewerProducer: 1 },
      metadata: { ...message.metadata, futureField: 'kept', attempt: 3 },
    });
  });

  it('writes the attempt header from the second attempt on', () => {
    const again = encodeMessage({ ...message, metadata: { ...message.metadata, attempt: 2 } }, now);
    expect(again.properties.headers[headers.attempt]).toBe(2);
    expect(encodeMessage(message, now).properties.headers).not.toHaveProperty(headers.attempt);
  });

  it('keeps the attempt out of the body, so a retried message is byte for byte the original', () => {
    const first = encodeMessage(message, now).content;
    const retried = encodeMessage({ ...message, metadata: { ...message.metadata, attempt: 4 } }, now).content;
    expect(retried.equals(first)).toBe(true);
  });

  it('publishes the body text the outbox stored, byte for byte, and that text is the body it would write anyway', () => {
    const stored = createCommand('Stored', { n: 1 }, { source: 's' });
    const fresh = encodeMessage(stored, now).content.toString('utf8');
    const text = bodyText(stored);
    expect(text).toBe(fresh);
    // Remembered: the envelope changed after it was stored is still published as stored.
    (stored.data as { n: number }).n = 2;
    expect(encodeMessage(stored, now).content.toString('utf8')).toBe(text);
    expect(encodeMessage({ ...stored }, now).content.toString('utf8')).not.toBe(text);
  });

  it('partitions by correlation id when no partition key is given', () => {
    const plain = createCommand('X', {}, { source: 's' });
    expect(encodeMessage(plain).properties.headers[headers.partitionKey]).toBe(plain.metadata.correlationId);
  });

  it.each([
    ['{', 'body is not JSON'],
    ['[]', 'body is not a JSON object'],
    ['{"kind":"command","type":"X","data":{},"metadata":{}}', 'id is missing'],
    ['{"id":"1","kind":"query","type":"X","data":{},"metadata":{}}', 'kind must be command or event'],
    ['{"id":"1","kind":"event","data":{},"metadata":{}}', 'type is missing'],
    ['{"id":"1","kind":"event","type":"X","data":[],"metadata":{}}', 'data must be an object'],
    ['{"id":"1","kind":"event","type":"X","data":{},"metadata":{"occurredAt":"t","source":"s"}}', 'metadata.correlationId is missing'],
    ['{"id":"1","kind":"event","type":"X","data":{},"metadata":{"correlationId":"c","occurredAt":"t","source":"s","deadline":"soon"}}', 'metadata.deadline is not a timestamp'],
  ])('refuses %s: %s', (body, reason) => {
    const decoded = decodeMessage({ content: Buffer.from(body), properties: {} });
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toContain(reason);
  });
});
