import { describe, expect, it } from 'vitest';
import { mailboxPlan } from '../../../actors/mod.ts';

describe('mailbox plan', () => {
  it('defaults to prefetch 50 and concurrency 10, one message per transaction', () => {
    expect(mailboxPlan({}, { database: true })).toEqual({ batchSize: 1, concurrentBatches: 1, partitioned: false, keyed: false, prefetch: 50, concurrency: 10 });
  });

  it('prefetches the running batches and one more gathering: batch × (concurrentBatches + 1)', () => {
    expect(mailboxPlan({ batch: 1_000, concurrentBatches: 2 }, { database: true })).toMatchObject({ batchSize: 1_000, concurrentBatches: 2, prefetch: 3_000, concurrency: 3_000 });
    expect(mailboxPlan({ batch: 200 }, { database: true })).toMatchObject({ concurrentBatches: 1, prefetch: 400, concurrency: 400 });
  });

  it('keeps a larger prefetch or concurrency the actor asks for', () => {
    expect(mailboxPlan({ batch: 500, prefetch: 1_500, concurrency: 1_000 }, { database: true })).toMatchObject({ prefetch: 1_500, concurrency: 1_000 });
  });

  it('runs one batch at a time per partition, a batch of messages at once', () => {
    expect(mailboxPlan({ batch: 200, concurrentBatches: 4, partitions: 4, prefetch: 400 }, { database: true }))
      .toEqual({ batchSize: 200, concurrentBatches: 1, partitioned: true, keyed: false, prefetch: 400, concurrency: 200 });
  });

  it('has no batches without a database', () => {
    expect(mailboxPlan({ batch: 500, concurrentBatches: 3 }, { database: false })).toEqual({ batchSize: 1, concurrentBatches: 1, partitioned: false, keyed: false, prefetch: 50, concurrency: 10 });
  });

  it('treats a batch or concurrentBatches below one as one', () => {
    expect(mailboxPlan({ batch: 0, concurrentBatches: 0 }, { database: true })).toMatchObject({ batchSize: 1, concurrentBatches: 1, prefetch: 50 });
  });

  it('runs a keyed mailbox\'s batches at once, partitioned or not, and hands it every delivery', () => {
    const orderKey = () => 'k';
    expect(mailboxPlan({ orderKey }, { database: true })).toEqual({ batchSize: 1, concurrentBatches: 10, partitioned: false, keyed: true, prefetch: 50, concurrency: 50 });
    expect(mailboxPlan({ orderKey, batch: 50, concurrentBatches: 3, partitions: 2 }, { database: true }))
      .toEqual({ batchSize: 50, concurrentBatches: 3, partitioned: true, keyed: true, prefetch: 200, concurrency: 200 });
  });
});
