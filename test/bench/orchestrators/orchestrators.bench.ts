/**
 * `npm run bench:orchestrators`: N process instances of five steps started at once, in one
 * run, two ways on the same actor system: (a) a choreography of five plain handlers, each
 * publishing the event the next one handles; (b) the same five steps driven by an XState
 * orchestrator, a command out and an event back per step. Every step handler (and the
 * orchestrator) keeps exactly-once effects in Postgres. Prints instances/s, transitions/s and
 * p50/p99 instance latency (start published → last event heard) for both, and (b)/(a).
 * After both, what the machine allows in the same run (`per-message-rates.ts`): raw amqplib's
 * messages/s and a hand-written exactly-once consumer's, over the deliveries an instance
 * takes (6 choreographed, 12 orchestrated; `ORCH_RATES=0` skips them), and the cores the
 * broker alone would need for the target, from its CPU per delivery in this run.
 * Last line: `{"choreography","orchestrated","ratio","transitionsPerSecond","machine"}`.
 */
import { createEvent, schemaName, type ActorSystem } from '../../../actors/mod.ts';
import { testInternals } from '../../../actors/testing.ts';
import { TestSystems, testDatabase } from '../../support/actor-system.ts';
import { amqpUrl, databaseUrl } from '../../support/environment.ts';
import { latencyStats } from '../bank/latency-stats.ts';
import { availableParallelism } from 'node:os';
import { envInt } from '../env-int.ts';
import { localCpu } from '../local-cpu.ts';
import { pipelined, within } from '../pipeline.ts';
import { measurePerMessageRates, type PerMessageRates } from './per-message-rates.ts';
import { choreography, finishLine, Finishes, landscape, orchestrated, steps } from './five-steps.ts';

const instances = envInt('ORCH_INSTANCES', 5_000);
const warmUp = envInt('ORCH_WARM_UP', 500);
const window = envInt('ORCH_WINDOW', 1_000);
const timeout = envInt('ORCH_TIMEOUT_MS', 300_000);
const stepSettings = { batch: envInt('ORCH_STEP_BATCH', 100), concurrentBatches: envInt('ORCH_STEP_CONCURRENT_BATCHES', 2) };
// Unset: the orchestrator's defaults (what a landscape gets without tuning).
const orchestratorSettings = {
  ...(process.env.ORCH_BATCH ? { batch: envInt('ORCH_BATCH', 1) } : {}),
  ...(process.env.ORCH_CONCURRENT_BATCHES ? { concurrentBatches: envInt('ORCH_CONCURRENT_BATCHES', 1) } : {}),
  ...(process.env.ORCH_PARTITIONS ? { partitions: envInt('ORCH_PARTITIONS', 1) } : {}),
};
/** Machine steps per orchestrated instance: its start and the five answers. */
const orchestratorSteps = steps + 1;
/** Deliveries an instance takes: `C0`…`C5`; `ProcessStarted`, five commands, five answers, `ProcessCompleted`. */
const deliveries = { choreography: steps + 1, orchestrated: 2 * steps + 2 };
const rateMessages = process.env.ORCH_RATES === '0' ? 0 : envInt('ORCH_RATE_MESSAGES', 10_000);

interface PathRun {
  instancesPerSecond: number;
  transitionsPerSecond: number;
  p50: number;
  p99: number;
  seconds: number;
  cpu: { process: number; broker: number | undefined; postgres: number | undefined };
}

const readBrokerCpu = localCpu('beam.smp');
const readPostgresCpu = localCpu('postgres');

/** Starts `count` instances at once (publishes pipelined, `window` unconfirmed) and waits for every one to finish. */
async function run(system: ActorSystem, finishes: Finishes, startType: string, count: number, label: string, transitions: number): Promise<PathRun> {
  const bus = testInternals(system).bus;
  const run = crypto.randomUUID().slice(0, 8);
  const startedAt = new Map<string, number>();
  finishes.clear();
  const cpu = { process: process.cpuUsage(), broker: readBrokerCpu(), postgres: readPostgresCpu() };
  const started = performance.now();
  const publishing = pipelined(count, window, async (i) => {
    const key = `${label}-${run}-${i}`;
    startedAt.set(key, performance.now());
    await bus.publish(landscape, createEvent(startType, {}, { source: 'bench', correlationId: key }));
  });
  await within(Promise.all([publishing, finishes.reached(count)]), timeout, `${label}: ${count} instances`);
  const last = Math.max(...finishes.at.values());
  const seconds = (last - started) / 1000;
  const latencies = [...finishes.at].map(([key, at]) => at - startedAt.get(key)!);
  const stats = latencyStats(latencies);
  const used = process.cpuUsage(cpu.process);
  const spent = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined || after < before ? undefined : (after - before) / 1e6);
  return {
    instancesPerSecond: count / seconds, transitionsPerSecond: (count * transitions) / seconds, p50: stats.p50, p99: stats.p99, seconds,
    cpu: { process: (used.user + used.system) / 1e6, broker: spent(cpu.broker, readBrokerCpu()), postgres: spent(cpu.postgres, readPostgresCpu()) },
  };
}

/** Outside the timing: every orchestrated instance ended in `done` after its six steps, none twice. */
async function checkInstances(namespace: string, expected: number): Promise<void> {
  const sql = testDatabase();
  try {
    const runtime = schemaName(namespace, 'actors');
    const [row] = await sql.unsafe(`select count(*) filter (where status = 'done')::int as done, count(*)::int as total,
      (select count(*)::int from "${runtime}".orchestrator_history where machine = 'five-steps') as history
      from "${runtime}".orchestrator_instances where machine = 'five-steps'`);
    if (row!.done !== expected || row!.total !== expected || row!.history !== expected * orchestratorSteps) {
      throw new Error(`orchestrated instances: ${row!.done} done of ${row!.total} (expected ${expected}), ${row!.history} history rows (expected ${expected * orchestratorSteps})`);
    }
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  const { choreo, orch } = await measurePaths();
  const ratio = orch.instancesPerSecond / choreo.instancesPerSecond;
  // After the paths, their actors stopped and their namespace gone: the paths run on the machine as it was, the rates beside nothing.
  const rates = rateMessages > 0
    ? await measurePerMessageRates({
      amqpUrl: amqpUrl(), databaseUrl: databaseUrl(), namespace: `bench-rates-${crypto.randomUUID().slice(0, 6)}`,
      prefetch: 250, window, roundTimeout: timeout, ...stepSettings,
    }, rateMessages, 3)
    : undefined;
  if (rates) printPerMessageRates(rates);
  const summary = (r: PathRun) => ({ instancesPerSecond: Math.round(r.instancesPerSecond), transitionsPerSecond: Math.round(r.transitionsPerSecond), p50: r.p50, p99: r.p99 });
  const machine = machineSummary(orch, rates);
  console.log(JSON.stringify({ choreography: summary(choreo), orchestrated: summary(orch), ratio: Math.round(ratio * 100) / 100, transitionsPerSecond: Math.round(orch.transitionsPerSecond), ...(machine ? { machine } : {}) }));
}

/** The instances/s the issue asks for (`ORCH_TARGET`, default 2,000), and what it would take of this machine. */
const target = envInt('ORCH_TARGET', 2_000);

/**
 * What the machine allows, in the same run: the per-message rates over the deliveries an
 * instance takes (one queue, one consumer each: several mailboxes at once can pass them),
 * and the broker's CPU per delivery as the orchestrated path measured it, times the
 * deliveries the target takes each second: the cores the broker alone would need.
 */
function machineSummary(orch: PathRun, rates: PerMessageRates | undefined) {
  const brokerMicrosPerDelivery = orch.cpu.broker === undefined ? undefined : (orch.cpu.broker * 1e6) / (instances * deliveries.orchestrated);
  const brokerCoresAtTarget = brokerMicrosPerDelivery === undefined ? undefined : (brokerMicrosPerDelivery * target * deliveries.orchestrated) / 1e6;
  if (brokerMicrosPerDelivery !== undefined && brokerCoresAtTarget !== undefined) {
    console.log(`broker CPU per orchestrated delivery ${brokerMicrosPerDelivery.toFixed(0)} µs: ${target.toLocaleString('en-US')} instances/s (${(target * deliveries.orchestrated).toLocaleString('en-US')} deliveries/s) would take ${brokerCoresAtTarget.toFixed(1)} cores of broker alone (this machine: ${availableParallelism()})`);
  }
  if (!rates && brokerMicrosPerDelivery === undefined) return undefined;
  return {
    ...(rates ? {
      rawMessagesPerSecond: Math.round(rates.rawMessagesPerSecond),
      exactlyOnceByHandMessagesPerSecond: Math.round(rates.baselineMessagesPerSecond),
      orchestratedToExactlyOnceByHand: Math.round((orch.instancesPerSecond / (rates.baselineMessagesPerSecond / deliveries.orchestrated)) * 100) / 100,
    } : {}),
    ...(brokerMicrosPerDelivery === undefined || brokerCoresAtTarget === undefined ? {} : {
      brokerMicrosPerDelivery: Math.round(brokerMicrosPerDelivery), brokerCoresAtTarget: Math.round(brokerCoresAtTarget * 10) / 10, cores: availableParallelism(),
    }),
  };
}

/** Both paths on one actor system, printed as a table; the system stopped and its namespace deleted after. */
async function measurePaths(): Promise<{ choreo: PathRun; orch: PathRun }> {
  const systems = new TestSystems('bench-orch');
  try {
    const finishes = new Finishes();
    const system = await systems.start({
      database: true,
      actors: [...choreography(stepSettings), ...orchestrated(stepSettings, orchestratorSettings), finishLine(finishes, stepSettings)],
    });
    console.log(`${instances.toLocaleString('en-US')} instances of ${steps} steps started at once (after ${warmUp} to warm up); step handlers batch ${stepSettings.batch} × ${stepSettings.concurrentBatches}; orchestrator ${JSON.stringify(orchestratorSettings)}`);
    await run(system, finishes, 'C0', warmUp, 'warm-choreo', steps);
    await run(system, finishes, 'ProcessStarted', warmUp, 'warm-orch', orchestratorSteps);
    const choreo = await run(system, finishes, 'C0', instances, 'choreo', steps);
    const orch = await run(system, finishes, 'ProcessStarted', instances, 'orch', orchestratorSteps);
    await checkInstances(systems.namespace, warmUp + instances);
    const rows: Array<[string, PathRun]> = [['(a) choreography, 5 handlers', choreo], ['(b) orchestrated (XState), 5 commands + 5 events', orch]];
    const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));
    console.log(['path'.padEnd(50), 'instances/s', 'transitions/s', 'p50 ms', 'p99 ms', 'seconds', 'CPU s client/broker/postgres'].join('  '));
    for (const [label, r] of rows) {
      console.log([label.padEnd(50), fmt(r.instancesPerSecond).padStart(11), fmt(r.transitionsPerSecond).padStart(13), fmt(r.p50, 1).padStart(6),
        fmt(r.p99, 1).padStart(6), r.seconds.toFixed(2).padStart(7), `${fmt(r.cpu.process, 1)}/${fmt(r.cpu.broker, 1)}/${fmt(r.cpu.postgres, 1)}`].join('  '));
    }
    console.log(`transitions: a choreography's handler steps (${steps} per instance), an orchestrator's machine steps (${orchestratorSteps}: the start and ${steps} answers)`);
    console.log(`ratio (b)/(a) instances/s: ${(orch.instancesPerSecond / choreo.instancesPerSecond).toFixed(2)}`);
    return { choreo, orch };
  } finally {
    await within(systems.cleanup(), 30_000, 'cleaning up').catch((error: unknown) => console.error(`clean-up: ${String(error)}`));
  }
}

/** What one queue and one consumer do per message without our runtime, over the deliveries an instance takes. */
function printPerMessageRates(rates: PerMessageRates): void {
  const per = (rate: number, n: number) => Math.round(rate / n).toLocaleString('en-US');
  console.log(`per message, same run (${rateMessages.toLocaleString('en-US')} messages × 3 rounds, medians; one queue, one consumer): an instance is ${deliveries.choreography} deliveries choreographed, ${deliveries.orchestrated} orchestrated`);
  console.log(`  raw amqplib publish→consume→ack       ${Math.round(rates.rawMessagesPerSecond).toLocaleString('en-US').padStart(7)} msg/s  → ${per(rates.rawMessagesPerSecond, deliveries.choreography)} / ${per(rates.rawMessagesPerSecond, deliveries.orchestrated)} instances/s`);
  console.log(`  exactly-once by hand (amqplib+postgres) ${Math.round(rates.baselineMessagesPerSecond).toLocaleString('en-US').padStart(6)} msg/s  → ${per(rates.baselineMessagesPerSecond, deliveries.choreography)} / ${per(rates.baselineMessagesPerSecond, deliveries.orchestrated)} instances/s`);
}

const watchdog = setTimeout(() => {
  console.error(`benchmark did not finish within ${4 * timeout} ms; giving up`);
  process.exit(1);
}, 4 * timeout);

main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
