/**
 * `npm run bench:runtime`: end-to-end throughput (first publish → last ack) of the raw
 * amqplib baseline and of each runtime path, on the same broker, in one run. Rounds
 * alternate between the paths so broker drift hits all alike; each path's median counts.
 * The last line of output is one JSON object:
 * `{"raw":…,"runtime":…,"ratio":…,"exactlyOnce":…,"exactlyOnceRatio":…,"exactlyOnceBaseline":…,"exactlyOnceBaselineRatio":…,
 * "exactlyOnceBatched":…,"exactlyOnceBatchedRatio":…,"exactlyOnceBatchedToBaseline":…}`: every `…Ratio` is to raw;
 * `exactlyOnceBatchedToBaseline` is the batched path's rate over the hand-written baseline's
 * of the same work (`exactly-once-baseline.ts`: raw amqplib + raw postgres, no runtime).
 */
import { envInt } from './env-int.ts';
import { localCpu } from './local-cpu.ts';
import { amqpUrl, databaseUrl } from '../support/environment.ts';
import { dropSchemas } from '../support/actor-system.ts';
import type { BenchPath, BenchSettings } from './bench-path.ts';
import { deleteNamespace } from '../support/namespace.ts';
import { exactlyOnceBaselinePath } from './exactly-once-baseline.ts';
import { exactlyOncePath } from './exactly-once-path.ts';
import { within } from './pipeline.ts';
import { rawAmqplibPath } from './raw-amqplib.ts';
import { formatReport, type PathResult } from './report.ts';
import { runtimePath } from './runtime-path.ts';
import { tracingFromEnv } from './bench-tracing.ts';

const messages = envInt('BENCH_MESSAGES', 20_000);
// One transaction (and one fsync) per message is an order of magnitude slower: fewer keep the run short.
const exactlyOnceMessages = envInt('BENCH_EXACTLY_ONCE_MESSAGES', 5_000);
const batch = envInt('BENCH_BATCH', 1_000);
// `per-message`: the batched path's handler upserts once per message (`on`) rather than once per batch (`onBatch`).
const perMessage = process.env.BENCH_HANDLER === 'per-message';
// Batches committing at once. The per-message handler upserts in message order, so two
// concurrent batches could deadlock on shared counters: it runs its batches one at a time.
const concurrentBatches = perMessage ? 1 : envInt('BENCH_CONCURRENT_BATCHES', 2);
const rounds = envInt('BENCH_ROUNDS', 3);
const warmUp = envInt('BENCH_WARMUP', 5_000);
const overallTimeout = envInt('BENCH_TIMEOUT_MS', 300_000);

const settings: BenchSettings = {
  amqpUrl: amqpUrl(),
  namespace: `bench-${crypto.randomUUID().slice(0, 6)}`,
  prefetch: envInt('BENCH_PREFETCH', 250),
  window: envInt('BENCH_WINDOW', 1_000),
  roundTimeout: envInt('BENCH_ROUND_TIMEOUT_MS', 120_000),
};

/** The baseline first; every further path is measured against it. */
const allPaths: BenchPath[] = [
  rawAmqplibPath(settings),
  runtimePath(settings),
  exactlyOncePath(settings, { name: 'exactlyOnce', service: 'counter-tx', batch: 1, concurrentBatches: 1, perMessage: true, messages: exactlyOnceMessages, databaseUrl: databaseUrl() }),
  // The same work as the batched path, by hand; measured just before it in every round.
  exactlyOnceBaselinePath(settings, { batch, concurrentBatches, messages, databaseUrl: databaseUrl() }),
  exactlyOncePath(settings, { name: 'exactlyOnceBatched', service: 'counter-tx-batched', batch, concurrentBatches, perMessage, messages, databaseUrl: databaseUrl() }),
];
// `BENCH_PATHS=exactlyOnceBatched,exactlyOnceBaseline` measures only those paths (and raw), e.g. to profile one.
const only = process.env.BENCH_PATHS?.split(',').map((name) => name.trim()).filter(Boolean);
const paths = only?.length ? allPaths.filter((p, i) => i === 0 || only.includes(p.name)) : allPaths;

async function main(): Promise<void> {
  console.log(tracingFromEnv(process.env));
  console.log(`namespace ${settings.namespace}; prefetch ${settings.prefetch}, publish window ${settings.window}, batch ${batch} × ${concurrentBatches} at once${perMessage ? ' (one upsert per message)' : ''}`);
  const results: PathResult[] = paths.map((p) => ({ name: p.name, messages: countOf(p), rates: [], cpu: [], brokerCpu: [], postgresCpu: [] }));
  try {
    for (const path of paths) await within(path.open(), 30_000, `opening ${path.name}`);
    for (const path of paths) await path.run(Math.min(warmUp, countOf(path)));
    for (let round = 1; round <= rounds; round++) {
      for (const [i, path] of paths.entries()) {
        const { rate, cpu, broker, postgres } = await measure(path);
        results[i]!.rates.push(rate);
        results[i]!.cpu.push(cpu);
        if (broker !== undefined) results[i]!.brokerCpu.push(broker);
        if (postgres !== undefined) results[i]!.postgresCpu.push(postgres);
        const brokerText = broker === undefined ? '' : `  broker ${broker.toFixed(1)} µs/msg`;
        const postgresText = postgres === undefined ? '' : `  postgres ${postgres.toFixed(1)} µs/msg`;
        console.log(`round ${round}  ${path.name.padEnd(18)} ${fmt(rate).padStart(7)} msg/s  client ${cpu.toFixed(1)} µs/msg${brokerText}${postgresText}`);
      }
    }
  } finally {
    await cleanUp();
  }
  const { table, summary } = formatReport(results);
  console.log(table);
  if (summary.exactlyOnceBatched !== undefined && summary.exactlyOnceBaseline !== undefined) {
    const byRound = results.find((r) => r.name === 'exactlyOnceBatched')!.rates.map((rate, i) => rate / results.find((r) => r.name === 'exactlyOnceBaseline')!.rates[i]!);
    summary.exactlyOnceBatchedToBaseline = Math.round((summary.exactlyOnceBatched / summary.exactlyOnceBaseline) * 100) / 100;
    console.log(`exactlyOnceBatched / exactlyOnceBaseline: ${summary.exactlyOnceBatchedToBaseline.toFixed(2)} (medians); by round ${byRound.map((r) => r.toFixed(2)).join(' / ')}`);
  }
  console.log(JSON.stringify(summary));
}

function countOf(path: BenchPath): number {
  return path.messages ?? messages;
}

const readBrokerCpu = localCpu('beam.smp');
const readPostgresCpu = localCpu('postgres');

/** One round of the path's message count: its rate, and the CPU per message of this process, the local broker and the local Postgres. */
async function measure(path: BenchPath): Promise<{ rate: number; cpu: number; broker: number | undefined; postgres: number | undefined }> {
  const count = countOf(path);
  const before = process.cpuUsage();
  const brokerBefore = readBrokerCpu();
  const postgresBefore = readPostgresCpu();
  const ms = await path.run(count);
  const used = process.cpuUsage(before);
  const perMessage = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? undefined : (to - from) / count);
  const broker = perMessage(brokerBefore, readBrokerCpu());
  const postgres = perMessage(postgresBefore, readPostgresCpu());
  return { rate: (count / ms) * 1000, cpu: (used.user + used.system) / count, broker, postgres };
}

function fmt(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

async function cleanUp(): Promise<void> {
  await Promise.all(paths.map((p) => within(p.close(), 15_000, `closing ${p.name}`).catch(() => {})));
  await within(deleteNamespace(settings.namespace), 15_000, 'deleting the namespace')
    .catch((error: unknown) => console.error(`could not delete namespace ${settings.namespace}: ${String(error)}`));
  await within(dropSchemas(settings.namespace), 15_000, 'dropping the schemas')
    .catch((error: unknown) => console.error(`could not drop the schemas of ${settings.namespace}: ${String(error)}`));
}

// A broker that stalls must not hang the benchmark: give up, tidy what we can, fail.
const watchdog = setTimeout(() => {
  console.error(`benchmark did not finish within ${overallTimeout} ms; giving up`);
  void within(cleanUp(), 20_000, 'cleaning up').catch(() => {}).finally(() => process.exit(1));
}, overallTimeout);

main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0); // a lingering socket must not keep a finished benchmark alive
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
