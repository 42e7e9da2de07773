import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BatchCollector } from '../../../actors/actor/batch-collector.ts';

/** A collector whose batches run until the test releases or finishes them. */
function collector(size: number, concurrency: number) {
  const started: Array<{ items: number[]; release: () => void; finish: () => void }> = [];
  const batches = new BatchCollector<number, number>(size, (items, release) => new Promise((resolve) => {
    started.push({ items, release, finish: () => resolve(items) });
  }), concurrency);
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
