/**
 * `npm run bench:runtime`: end-to-end throughput (first publish → last ack) of the raw
 * amqplib baseline and of each runtime path, on the same broker, in one run. Rounds
 * alternate between the paths so broker drift hits all alike; each path's median counts.
 * The last line of output is one JSON object: `{"raw":…,"runtime":…,"ratio":…}`.
 */
import { amqpUrl } from '../support/environment.ts';
import type { BenchPath, BenchSettings } from './bench-path.ts';
import { deleteNamespace } from '../support/namespace.ts';
import { within } from './pipeline.ts';
import { rawAmqplibPath } from './raw-amqplib.ts';
import { formatReport, type PathResult } from './report.ts';
import { runtimePath } from './runtime-path.ts';

const messages = envInt('BENCH_MESSAGES', 20_000);
const rounds = envInt('BENCH_ROUNDS', 3);
const warmUp = Math.min(messages, envInt('BENCH_WARMUP', 5_000));
const overallTimeout = envInt('BENCH_TIMEOUT_MS', 300_000);

const settings: BenchSettings = {
  amqpUrl: amqpUrl(),
  namespace: `bench-${crypto.randomUUID().slice(0, 6)}`,
  prefetch: envInt('BENCH_PREFETCH', 250),
  window: envInt('BENCH_WINDOW', 1_000),
  roundTimeout: envInt('BENCH_ROUND_TIMEOUT_MS', 120_000),
};

/** The baseline first; every further path is measured against it. */
const paths: BenchPath[] = [rawAmqplibPath(settings), runtimePath(settings)];

async function main(): Promise<void> {
  console.log(`namespace ${settings.namespace}; prefetch ${settings.prefetch}, publish window ${settings.window}`);
  const results: PathResult[] = paths.map((p) => ({ name: p.name, rates: [], cpu: [] }));
  try {
    for (const path of paths) await within(path.open(), 30_000, `opening ${path.name}`);
    for (const path of paths) await path.run(warmUp);
    for (let round = 1; round <= rounds; round++) {
      for (const [i, path] of paths.entries()) {
        const { rate, cpu } = await measure(path);
        results[i]!.rates.push(rate);
        results[i]!.cpu.push(cpu);
        console.log(`round ${round}  ${path.name.padEnd(8)} ${fmt(rate).padStart(7)} msg/s  client ${cpu.toFixed(1)} µs/msg`);
      }
    }
  } finally {
    await cleanUp();
  }
  const { table, summary } = formatReport(results, messages);
  console.log(table);
  console.log(JSON.stringify(summary));
}

/** One round of `messages`: its rate, and this process's CPU per message. */
async function measure(path: BenchPath): Promise<{ rate: number; cpu: number }> {
  const before = process.cpuUsage();
  const ms = await path.run(messages);
  const used = process.cpuUsage(before);
  return { rate: (messages / ms) * 1000, cpu: (used.user + used.system) / messages };
}

function fmt(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}

async function cleanUp(): Promise<void> {
  await Promise.all(paths.map((p) => within(p.close(), 15_000, `closing ${p.name}`).catch(() => {})));
  await within(deleteNamespace(settings.namespace), 15_000, 'deleting the namespace')
    .catch((error: unknown) => console.error(`could not delete namespace ${settings.namespace}: ${String(error)}`));
}

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
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
