import { Buffer } from 'node:buffer';
import type { ConfirmChannel } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { publishOnChannel } from '../../../actors/broker/publish-on-channel.ts';
import { amqplibArgs, amqplibFramesOf } from '../../support/amqplib-reference.ts';

const frameMax = 4_096;
const id = '6f1c3c38-2d0e-4a57-9a55-0b7f1f7b8e21';

/** A channel with amqplib's internals that records what was sent and which confirm callbacks were queued. */
function recordingChannel(closed = false) {
  const sent: Array<Record<string, unknown>> = [];
  const confirms: unknown[] = [];
  const published: unknown[][] = [];
  const channel = {
    sendMessage(fields: Record<string, unknown>, properties: Record<string, unknown>) {
      if (closed) throw new Error('Channel closed');
      expect(properties).toBe(fields);
      sent.push(fields);
      return true;
    },
    pushConfirmCallback(callback: unknown) {
      confirms.push(callback);
    },
    publish(...args: unknown[]) {
      published.push(args);
      return true;
    },
  };
  return { channel: channel as unknown as ConfirmChannel, sent, confirms, published };
}

describe('publish on a channel', () => {
  it('sends the frames amqplib would send for the same options and queues the confirm callback', () => {
    const cases: Array<Record<string, unknown>> = [
      { messageId: id, correlationId: id, type: 'Tick', appId: 'bench', timestamp: 1_764_700_000, contentType: 'application/json',
        persistent: true, mandatory: true, headers: { 'x-partition-key': id, 'x-signature': 'c2ln', 'x-attempt': 2 } },
      {},
      { persistent: false, priority: 9, replyTo: 'amq.rabbitmq.reply-to', expiration: 1500, userId: 'guest', contentEncoding: 'gzip' },
      { deliveryMode: 2, headers: { yes: true, gone: undefined } },
      { deliveryMode: true },
    ];
    const content = Buffer.from('{"a":1}');
    for (const options of cases) {
      const { channel, sent, confirms } = recordingChannel();
      const confirmed = () => {};
      publishOnChannel(channel, 'ex', 'rk', content, options, confirmed);
      expect(confirms).toEqual([confirmed]);
      expect(amqplibFramesOf(sent[0]!, content, frameMax)).toEqual(amqplibFramesOf(amqplibArgs.publish('ex', 'rk', options), content, frameMax));
      // The caller's headers object goes as it is: no prototype wrap to walk.
      if (options.headers) expect(sent[0]!.headers).toBe(options.headers);
    }
  });

  it('leaves CC and BCC, which amqplib turns into array headers, to amqplib', () => {
    const { channel, sent, published } = recordingChannel();
    publishOnChannel(channel, 'ex', 'rk', Buffer.from('x'), { CC: ['a'] }, () => {});
    expect(sent).toEqual([]);
    expect(published).toHaveLength(1);
  });

  it('throws on a closed channel, as amqplib does, without queueing a confirm', () => {
    const { channel, confirms } = recordingChannel(true);
    expect(() => publishOnChannel(channel, 'ex', 'rk', Buffer.from('x'), {}, () => {})).toThrow(/closed/);
    expect(confirms).toEqual([]);
  });
});
