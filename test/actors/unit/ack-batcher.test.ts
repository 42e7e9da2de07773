import type { Channel, ConsumeMessage } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { AckBatcher } from '../../../actors/broker/ack-batcher.ts';

/** Records the ack frames a channel would send. */
function recordingChannel() {
  const frames: string[] = [];
  const channel = {
    ack: (m: ConsumeMessage, multiple = false) => frames.push(`${multiple ? 'ack≤' : 'ack '}${m.fields.deliveryTag}`),
    nack: (m: ConsumeMessage) => frames.push(`nack ${m.fields.deliveryTag}`),
  } as unknown as Channel;
  return { channel, frames };
}

const delivery = (tag: number) => ({ fields: { deliveryTag: tag } }) as ConsumeMessage;

describe('acks in batches', () => {
  it('acks the oldest run of handled deliveries with one multiple ack, later ones singly', () => {
    const { channel, frames } = recordingChannel();
    const batcher = new AckBatcher(channel, () => true);
    const [d1, d2, d3, d4, d5] = [1, 2, 3, 4, 5].map(delivery);
    for (const d of [d1, d2, d3, d4, d5]) batcher.delivered(d!);
    batcher.ack(d1!); batcher.ack(d2!); batcher.ack(d4!); // 3 still running
    batcher.flush();
    expect(frames).toEqual(['ack≤2', 'ack 4']);
    batcher.ack(d3!); batcher.ack(d5!);
    batcher.flush();
    expect(frames).toEqual(['ack≤2', 'ack 4', 'ack≤5']);
  });

  it('never acks a delivery whose handler has not finished', () => {
    const { channel, frames } = recordingChannel();
    const batcher = new AckBatcher(channel, () => true);
    batcher.delivered(delivery(1));
    batcher.delivered(delivery(2));
    batcher.ack(delivery(2));
    batcher.flush();
    expect(frames).toEqual(['ack 2']);
  });

  it('requeues at once, and sends nothing on a channel that is no longer alive', () => {
    const { channel, frames } = recordingChannel();
    let alive = true;
    const batcher = new AckBatcher(channel, () => alive);
    batcher.delivered(delivery(1));
    batcher.delivered(delivery(2));
    batcher.requeue(delivery(1));
    expect(frames).toEqual(['nack 1']);
    alive = false;
    batcher.ack(delivery(2));
    batcher.flush();
    expect(frames).toEqual(['nack 1']);
  });

  it('flushes by itself on the next turn of the event loop', async () => {
    const { channel, frames } = recordingChannel();
    const batcher = new AckBatcher(channel, () => true);
    batcher.delivered(delivery(7));
    batcher.ack(delivery(7));
    expect(frames).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(frames).toEqual(['ack≤7']);
  });
});
