import type { BenchPath, BenchSettings } from '../bench-path.ts';
import { exactlyOnceBaselinePath } from '../exactly-once-baseline.ts';
import { within } from '../pipeline.ts';
import { rawAmqplibPath } from '../raw-amqplib.ts';
import { deleteNamespace } from '../../support/namespace.ts';
import { dropSchemas } from '../../support/actor-system.ts';

/** What one queue and one consumer do per message without our runtime, in the same run. */
export interface PerMessageRates {
  /** Raw amqplib: persistent publish with confirm → consume → ack, into a quorum queue. */
  rawMessagesPerSecond: number;
  /** The same plus exactly-once effects written by hand (inbox, state, outbox, the event published): `exactly-once-baseline.ts`. */
  baselineMessagesPerSecond: number;
}

/**
 * Measures the two per-message rates (medians of `rounds`). Each delivery of a five-step
 * instance is such a message: handled exactly once, publishing one message. One queue with
 * one consumer at rate r carries r / n instances of n deliveries a second; the paths run
 * several mailboxes at once, so they can pass that, but not by much on two cores.
 */
export async function measurePerMessageRates(settings: BenchSettings & { databaseUrl: string; batch: number; concurrentBatches: number }, messages: number, rounds: number): Promise<PerMessageRates> {
  const paths: BenchPath[] = [
    rawAmqplibPath(settings),
    exactlyOnceBaselinePath(settings, { batch: settings.batch, concurrentBatches: settings.concurrentBatches, messages, databaseUrl: settings.databaseUrl }),
  ];
  const rates: number[][] = paths.map(() => []);
  try {
    for (const path of paths) await within(path.open(), 30_000, `opening ${path.name}`);
    for (const path of paths) await path.run(Math.min(2_000, messages));
    for (let round = 0; round < rounds; round++) {
      for (const [i, path] of paths.entries()) rates[i]!.push((messages / (await path.run(messages))) * 1000);
    }
  } finally {
    await Promise.all(paths.map((p) => within(p.close(), 15_000, `closing ${p.name}`).catch(() => {})));
    await within(deleteNamespace(settings.namespace), 15_000, 'deleting the rates namespace').catch(() => {});
    await within(dropSchemas(settings.namespace), 15_000, 'dropping the rates schemas').catch(() => {});
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { rawMessagesPerSecond: median(rates[0]!), baselineMessagesPerSecond: median(rates[1]!) };
}
