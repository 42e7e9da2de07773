import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { encodePublishFrames, type PublishFields } from '../../../actors/broker/publish-frames.ts';
import { amqplibArgs as Args, amqplibFramesOf } from '../../support/amqplib-reference.ts';

const frameMax = 4_096;

/** The bytes amqplib itself writes for a publish on channel 3 (what a real channel calls). */
function amqplibFrames(exchange: string, routingKey: string, options: Record<string, unknown>, content: Buffer): Buffer {
  return amqplibFramesOf(Args.publish(exchange, routingKey, options), content, frameMax);
}

function ours(exchange: string, routingKey: string, options: Record<string, unknown>, content: Buffer): Buffer | undefined {
  const fields = Args.publish(exchange, routingKey, options) as PublishFields;
  return encodePublishFrames(3, frameMax, fields, content);
}

const id = '6f1c3c38-2d0e-4a57-9a55-0b7f1f7b8e21';
const runtimeOptions = {
  messageId: id, correlationId: id, type: 'Tick', appId: 'bench.counter', timestamp: 1_764_700_000,
  contentType: 'application/json', persistent: true, mandatory: true,
  headers: { 'x-partition-key': id, 'x-causation-id': id, 'x-attempt': 2, 'x-signature': 'q0zQ2o1m3Xx4j5Vv9Kk8Yy7Ww6Uu5Tt4Ss3Rr2Qq1P=' },
};

describe('publish frames', () => {
  it('encodes a runtime publish byte for byte as amqplib does', () => {
    const content = Buffer.from(JSON.stringify({ id, data: { note: 'x'.repeat(300) } }));
    expect(ours('bench.commands', 'counter', runtimeOptions, content)).toEqual(amqplibFrames('bench.commands', 'counter', runtimeOptions, content));
  });

  it('matches amqplib for every property, header value type and size it takes on', () => {
    const cases: Array<[Record<string, unknown>, Buffer]> = [
      [{}, Buffer.alloc(0)],
      [{ persistent: false, priority: 9, replyTo: 'amq.rabbitmq.reply-to', expiration: 1500, userId: 'guest', contentEncoding: 'gzip' }, Buffer.from('x')],
      [{ headers: { small: -128, short: 32_767, int: -2_147_483_648, yes: true, no: false, gone: undefined, text: 'grüße 🥛' } }, Buffer.from('{}')],
      [{ type: 'Ünïcode', messageId: 'ü'.repeat(100), CC: ['a', 'b'], headers: { k: 'v' } }, Buffer.alloc(frameMax - 8, 7)],
      [{ timestamp: 2 ** 40 + 5, headers: Object.create(null) }, Buffer.from('body')],
    ];
    for (const [options, content] of cases) {
      const encoded = ours('', 'q', options, content);
      // CC travels as an array header, which amqplib encodes itself.
      if (options.CC) expect(encoded).toBeUndefined();
      else expect(encoded).toEqual(amqplibFrames('', 'q', options, content));
    }
  });

  it('leaves to amqplib what it does not encode: other header types, oversized fields or bodies', () => {
    const body = Buffer.from('{}');
    expect(ours('', 'q', { headers: { nested: { a: 1 } } }, body)).toBeUndefined();
    expect(ours('', 'q', { headers: { big: 2 ** 40 } }, body)).toBeUndefined();
    expect(ours('', 'q', { headers: { float: 1.5 } }, body)).toBeUndefined();
    expect(ours('', 'q', { headers: { bytes: Buffer.from('x') } }, body)).toBeUndefined();
    expect(ours('', 'q', { messageId: 'x'.repeat(256) }, body)).toBeUndefined();
    expect(ours('', 'q', { timestamp: 1.5 }, body)).toBeUndefined();
    expect(ours('', 'q', {}, Buffer.alloc(frameMax - 7))).toBeUndefined();
  });
});
