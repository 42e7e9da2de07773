import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BatchCollector } from '../../../actors/actor/batch-collector.ts';

/** A collector whose batches run until the test releases or finishes them. */
function collector(size: number, concurrency: number, keyOf?: (item: number) => string | undefined) {
  const started: Array<{ items: number[]; release: () => void; finish: () => void }> = [];
  const batches = new BatchCollector<number, number>(size, (items, release) => new Promise((resolve) => {
    started.push({ items, release, finish: () => resolve(items) });
  }), concurrency, keyOf);
  return { batches, started };
}

/** Lets the collector's `setImmediate` cut run. */
const turn = () => setImmediate();

describe('BatchCollector', () => {
  it('starts a lone item on the next turn when nothing runs', async () => {
    const { batches, started } = collector(3, 2);
    const result = batches.add(1);
    expect(started).toHaveLength(0);
    await turn();
    expect(started.map((b) => b.items)).toEqual([[1]]);
    started[0]!.finish();
    await expect(result).resolves.toBe(1);
  });

  it('lets a second batch join a running one only when it is full', async () => {
    const { batches, started } = collector(3, 2);
    void batches.add(1);
    await turn();
    void batches.add(2);
    void batches.add(3);
    await turn();
    // Two items beside a running batch: they wait rather than take the second turn.
    expect(started).toHaveLength(1);
    void batches.add(4);
    await turn();
    expect(started.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
  });

  it('starts a partial batch once the running one releases its turn', async () => {
    const { batches, started } = collector(3, 2);
    void batches.add(1);
    await turn();
    void batches.add(2);
    await turn();
    expect(started).toHaveLength(1);
    started[0]!.release();
    expect(started.map((b) => b.items)).toEqual([[1], [2]]);
  });

  it('fills every free turn with a full batch after a release', async () => {
    const { batches, started } = collector(2, 2);
    void batches.add(1);
    await turn();
    for (let n = 2; n <= 3; n++) void batches.add(n);
    await turn();
    expect(started).toHaveLength(2); // [1] and the full [2, 3]
    for (let n = 4; n <= 7; n++) void batches.add(n);
    await turn();
    expect(started).toHaveLength(2);
    started[0]!.finish();
    started[1]!.release();
    await turn();
    expect(started.map((b) => b.items)).toEqual([[1], [2, 3], [4, 5], [6, 7]]);
  });

  it('never runs more batches at once than its concurrency', async () => {
    const { batches, started } = collector(1, 2);
    for (let n = 1; n <= 5; n++) void batches.add(n);
    await turn();
    expect(started).toHaveLength(2);
  });
});

describe('BatchCollector with keys', () => {
  // Items 11, 12, 13 are of key "1"; 21, 22 of key "2"; 31 of key "3"; 0 has no key.
  const keyOf = (item: number) => (item === 0 ? undefined : String(Math.floor(item / 10)));

  it('runs the batches of different keys at once, partial ones too', async () => {
    const { batches, started } = collector(3, 3, keyOf);
    void batches.add(11);
    await turn();
    void batches.add(21);
    await turn();
    void batches.add(31);
    await turn();
    expect(started.map((b) => b.items)).toEqual([[11], [21], [31]]);
  });

  it('holds an item back while a batch of its key holds a turn, and every later item of that key behind it', async () => {
    const { batches, started } = collector(3, 3, keyOf);
    void batches.add(11);
    await turn();
    for (const item of [12, 21, 13, 22]) void batches.add(item);
    await turn();
    // 12 and 13 wait for [11]; 21 and 22, in order, share a batch.
    expect(started.map((b) => b.items)).toEqual([[11], [21, 22]]);
    started[0]!.release(); // committed: the next step of key 1 may read it
    expect(started.map((b) => b.items)).toEqual([[11], [21, 22], [12, 13]]);
  });

  it('lets an item without a key pass a held one', async () => {
    const { batches, started } = collector(2, 2, keyOf);
    void batches.add(11);
    await turn();
    void batches.add(12);
    void batches.add(0);
    await turn();
    expect(started.map((b) => b.items)).toEqual([[11], [0]]);
  });

  it('frees a key when its batch finishes without releasing first', async () => {
    const { batches, started } = collector(1, 2, keyOf);
    void batches.add(11);
    void batches.add(12);
    await turn();
    expect(started.map((b) => b.items)).toEqual([[11]]);
    started[0]!.finish();
    await turn();
    expect(started.map((b) => b.items)).toEqual([[11], [12]]);
  });
});
