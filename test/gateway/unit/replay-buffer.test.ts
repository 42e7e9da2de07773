import { describe, expect, it } from 'vitest';
import { createEvent } from '../../../actors/mod.ts';
import { OutgoingQueue } from '../../../gateway/sse/outgoing-queue.ts';
import { ReplayBuffer } from '../../../gateway/sse/replay-buffer.ts';

const events = (n: number) => Array.from({ length: n }, (_, i) => createEvent('Counted', { i }, { source: 'test' }));

describe('ReplayBuffer', () => {
  it('gives the events after a known id, in order, and undefined for an unknown one', () => {
    const buffer = new ReplayBuffer(10);
    const [a, b, c] = events(3);
    for (const e of [a!, b!, c!]) buffer.add(e);
    expect(buffer.after(a!.id)).toEqual([b, c]);
    expect(buffer.after(c!.id)).toEqual([]);
    expect(buffer.after('unknown')).toBeUndefined();
    expect(buffer.after()).toEqual([a, b, c]);
  });

  it('keeps only the newest events, so an evicted id is unknown', () => {
    const buffer = new ReplayBuffer(2);
    const [a, b, c] = events(3);
    for (const e of [a!, b!, c!]) buffer.add(e);
    expect(buffer.size).toBe(2);
    expect(buffer.after(a!.id)).toBeUndefined();
    expect(buffer.after(b!.id)).toEqual([c]);
  });

  it('refuses a redelivered event', () => {
    const buffer = new ReplayBuffer(5);
    const [a] = events(1);
    expect(buffer.add(a!)).toBe(true);
    expect(buffer.add({ ...a! })).toBe(false);
    expect(buffer.size).toBe(1);
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
