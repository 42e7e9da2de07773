import type { BenchPath, BenchSettings } from '../bench-path.ts';
import { exactlyOnceBaselinePath } from '../exactly-once-baseline.ts';
import { within } from '../pipeline.ts';
import { rawAmqplibPath } from '../raw-amqplib.ts';
import { deleteNamespace } from '../../support/namespace.ts';
import { dropSchemas } from '../../support/actor-system.ts';

/** What this machine does per message without our runtime, in the same run: the ceiling any path's instances/s stands under. */
export interface Ceiling {
  /** Raw amqplib: persistent publish with confirm → consume → ack, into a quorum queue. */
  rawMessagesPerSecond: number;
  /** The same plus exactly-once effects written by hand (inbox, state, outbox, the event published): `exactly-once-baseline.ts`. */
  baselineMessagesPerSecond: number;
}

/**
 * Measures the two per-message rates (medians of `rounds`), each delivery of a five-step
 * instance being one such message: a delivery handled exactly once that publishes one
 * message. An instance of `n` deliveries cannot go faster than rate / n however little the
 * runtime adds.
 */
export async function measureCeiling(settings: BenchSettings & { databaseUrl: string; batch: number; concurrentBatches: number }, messages: number, rounds: number): Promise<Ceiling> {
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
    await within(deleteNamespace(settings.namespace), 15_000, 'deleting the ceiling namespace').catch(() => {});
    await within(dropSchemas(settings.namespace), 15_000, 'dropping the ceiling schemas').catch(() => {});
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { rawMessagesPerSecond: median(rates[0]!), baselineMessagesPerSecond: median(rates[1]!) };
}
