import { describe, expect, it } from 'vitest';
import { createEvent } from '../../../actors/mod.ts';
import { OutgoingQueue } from '../../../gateway/sse/outgoing-queue.ts';
import { ReplayBuffer } from '../../../gateway/sse/replay-buffer.ts';
import { streamedEvent } from '../../../gateway/sse/streamed-event.ts';

const events = (n: number, data: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => streamedEvent(createEvent('Counted', { i, ...data }, { source: 'test' }), {}));
const bounded = (events: number, bytes = 1_000_000) => new ReplayBuffer({ events, bytes });

describe('ReplayBuffer', () => {
  it('gives the events after a known id, in order, and undefined for an unknown one', () => {
    const buffer = bounded(10);
    const [a, b, c] = events(3);
    for (const e of [a!, b!, c!]) buffer.add(e);
    expect(buffer.after(a!.event.id)).toEqual([b, c]);
    expect(buffer.after(c!.event.id)).toEqual([]);
    expect(buffer.after('unknown')).toBeUndefined();
    expect(buffer.after()).toEqual([a, b, c]);
  });

  it('keeps only the newest events, so an evicted id is unknown', () => {
    const buffer = bounded(2);
    const [a, b, c] = events(3);
    for (const e of [a!, b!, c!]) buffer.add(e);
    expect(buffer.size).toBe(2);
    expect(buffer.after(a!.event.id)).toBeUndefined();
    expect(buffer.after(b!.event.id)).toEqual([c]);
  });

  it('refuses a redelivered event', () => {
    const buffer = bounded(5);
    const [a] = events(1);
    expect(buffer.add(a!)).toBe(true);
    expect(buffer.add({ ...a! })).toBe(false);
    expect(buffer.size).toBe(1);
  });

  it('is bounded in bytes as well as in count: large events push the oldest out', () => {
    const large = events(5, { text: 'x'.repeat(1_000) });
    const buffer = bounded(1_000, 2_500);
    for (const e of large) buffer.add(e);
    expect(buffer.size).toBe(2);
    expect(buffer.bytes).toBeLessThanOrEqual(2_500);
    expect(buffer.after()).toEqual(large.slice(3));
    // One event larger than the whole bound is streamed live but not kept.
    buffer.add(events(1, { text: 'y'.repeat(3_000) })[0]!);
    expect(buffer.size).toBe(0);
    expect(buffer.bytes).toBe(0);
  });
});

describe('OutgoingQueue', () => {
  it('hands out items in order and ends after close', async () => {
    const queue = new OutgoingQueue(10);
    queue.push({ comment: 'one' });
    const waiting = queue.next();
    queue.push({ comment: 'two' });
    expect(await waiting).toEqual({ comment: 'one' });
    queue.close();
    expect(await queue.next()).toEqual({ comment: 'two' });
    expect(await queue.next()).toBeUndefined();
  });

  it('cuts off a client that falls too far behind, telling it how to catch up', async () => {
    const queue = new OutgoingQueue(2);
    for (const text of ['a', 'b', 'c']) queue.push({ comment: text });
    expect(queue.closed).toBe(true);
    expect(await queue.next()).toEqual({ comment: 'too far behind; reconnect with Last-Event-ID' });
    expect(await queue.next()).toBeUndefined();
  });
});
