import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import type { ConfirmChannel } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { ConfirmPublisher } from '../../../actors/broker/confirm-publisher.ts';

/**
 * A confirm channel as amqplib's public API shows it (the publisher's default way; the fast
 * way is `fast-paths/amqplib.ts`'s): it records what was sent and lets the test confirm.
 */
function fakeChannel() {
  const sent: string[] = [];
  const confirms: Array<(error: unknown) => void> = [];
  const channel = Object.assign(new EventEmitter(), {
    publish(_exchange: string, _routingKey: string, _content: Buffer, properties: { messageId?: string }, callback: (error: unknown) => void) {
      sent.push(properties.messageId!);
      confirms.push(callback);
      return true;
    },
  });
  const confirmOldest = (count: number) => { for (const confirm of confirms.splice(0, count)) confirm(null); };
  return { channel: channel as unknown as ConfirmChannel, emitter: channel, sent, confirms, confirmOldest };
}

const frame = (i: number) => ({ exchange: 'x', routingKey: 'k', content: Buffer.from('{}'), properties: { messageId: `m${i}` } });

describe('the confirm publisher', () => {
  it('keeps at most its window in flight; the rest leave in order as confirms come back', async () => {
    const publisher = new ConfirmPublisher(() => {}, 3);
    const { channel, sent, confirms, confirmOldest } = fakeChannel();
    publisher.attach(channel);
    const done = Array.from({ length: 8 }, (_, i) => publisher.publish(frame(i)));
    expect(sent).toEqual(['m0', 'm1', 'm2']);
    expect(publisher.pending).toBe(8);
    confirmOldest(2);
    expect(sent).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    while (confirms.length > 0) confirmOldest(1);
    await Promise.all(done);
    expect(sent).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(publisher.pending).toBe(0);
  });

  it('a channel lost with publishes in flight sends them again first, then what waited, in order', async () => {
    let lost = 0;
    const publisher = new ConfirmPublisher(() => { lost += 1; }, 2);
    const first = fakeChannel();
    publisher.attach(first.channel);
    const done = Array.from({ length: 5 }, (_, i) => publisher.publish(frame(i)));
    expect(first.sent).toEqual(['m0', 'm1']);
    first.emitter.emit('close');
    expect(lost).toBe(1);
    const second = fakeChannel();
    publisher.attach(second.channel);
    expect(second.sent).toEqual(['m0', 'm1']);
    while (second.confirms.length > 0) second.confirmOldest(1);
    await Promise.all(done);
    expect(second.sent).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });
});
