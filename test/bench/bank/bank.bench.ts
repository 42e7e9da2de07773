// npm run bench:bank — open-bank's load measurement (spec "Load measurement"): a browser
// client logs in and loops (≥ 1 s a loop): even loops deposit, odd loops transfer a fixed
// amount to the company account; latency = click → the new row showing the expected
// balance (timeout 5 s). The heartbeat raises the background load by BANK_STEP commands/s
// every BANK_LOOPS loops; after 3 timeouts it stops and prints, per load level, latency
// mean/p50/p95/p99, the commands/s the bank handled, and CPU/memory per process.
// Before the ramp, the same run's floor (floor/): the bare chain of a click without the runtime
// (raw postgres and amqplib: commit, publish with confirm, consume, commit, publish, consume,
// SSE write) from a Node client and from Chromium; each level's p50 is printed as a ratio to
// the browser floor's p50, which moves with the machine as the levels do. On a shared machine
// the floor itself moves within a run, so every loop of the ramp also clicks the floor's page
// once, right after the bank's click: each level has its own floor p50 beside it, and its p50
// over that too.
// Last line: {"levels":[{"load","p50","p95","p99","mean","p50Ratio","floorP50","p50RatioToLevelFloor"},…],
// "maxSustained":N,"floorP50":ms,"floorP99":ms,"nodeFloorP50":ms,"nodeFloorP99":ms,"p50RatioAt100":x,
// "p50RatioToLevelFloorAt100":x}.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { formatCents } from '../../../web-components/open-bank/money-format.ts';
import { newTab, openBrowser } from '../../support/browser.ts';
import { dropSchemas } from '../../support/actor-system.ts';
import { amqpUrl, databaseUrl } from '../../support/environment.ts';
import { deleteNamespace } from '../../support/namespace.ts';
import { sleep } from '../../support/wait.ts';
import { clickToRow } from './click-to-row.ts';
import { startFloorChain } from './floor/floor-chain.ts';
import { measureFloor, openFloorPage, type Floor } from './floor/measure-floor.ts';
import { latencyStats, type LatencyStats } from './latency-stats.ts';
import { processTree, sampleGroups, usageBetween, type Group } from './process-usage.ts';

const settings = {
  start: Number(process.env.BANK_START ?? 10),
  step: Number(process.env.BANK_STEP ?? 10),
  loopsPerLevel: Number(process.env.BANK_LOOPS ?? 5),
  maxLoad: Number(process.env.BANK_MAX_LOAD ?? 5000),
  timeoutMs: 5000,
  /** Clicks measured for the floor, from Node and from Chromium each. */
  floorSamples: Number(process.env.BANK_FLOOR_SAMPLES ?? 60),
  maxTimeouts: 3,
  loopMs: 1000,
  /** Heartbeat interval: the load's beats come in 10 portions a second. */
  intervalMs: 100,
};

interface Level {
  load: number;
  stats: LatencyStats;
  /** The floor page's clicks during this level, one a loop. */
  floor: LatencyStats;
  timeouts: number;
  handled: number;
  /** Beats the heartbeat actually emitted per second (each beat is one generated command). */
  beats: number;
  usage: Map<string, { cpuPercent: number; rssMb: number }>;
}

const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bank-server.ts', import.meta.url))], {
  env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'],
});
const started = await new Promise<{ port: number; pid: number; namespace: string; commandHandlerSchema: string }>((resolve, reject) => {
  const lines = createInterface({ input: server.stdout! });
  lines.once('line', (line) => resolve(JSON.parse(line)));
  server.once('exit', (code) => reject(new Error(`the bank server exited with ${code}`)));
});
const base = `http://127.0.0.1:${started.port}`;
const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
const browser = await openBrowser();
const groups: Group[] = [
  { name: 'server', pids: () => [started.pid] },
  { name: 'rabbitmq', comm: /^beam\.smp$/ },
  { name: 'postgres', comm: /^postgres$/ },
  // This browser and its renderers only: other tests may run Chromium on the same machine.
  // (the bench's other child is the server, counted on its own)
  { name: 'chromium', pids: () => { const server = new Set(processTree(started.pid)); return processTree(process.pid).filter((pid) => pid !== process.pid && !server.has(pid)); } },
  { name: 'bench', pids: () => [process.pid] },
];

async function call(method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Commands the command handler has handled so far (its stored outcomes). */
async function handledCommands(): Promise<number> {
  const schema = started.commandHandlerSchema;
  const [row] = await sql.unsafe(`select (select count(*) from "${schema}".transfer_outcomes) + (select count(*) from "${schema}".creation_outcomes) as n`);
  return Number(row!.n);
}

const levels: Level[] = [];
let floor: Floor | undefined;
let chain: Awaited<ReturnType<typeof startFloorChain>> | undefined;
let floorPage: Awaited<ReturnType<typeof openFloorPage>> | undefined;
try {
  // Before the ramp, with the bank idle: what the machine takes for the bare chain right now.
  chain = await startFloorChain({ amqpUrl: amqpUrl(), databaseUrl: databaseUrl(), namespace: started.namespace });
  floorPage = await openFloorPage(chain, browser);
  floor = await measureFloor(chain, floorPage, settings.floorSamples, settings.timeoutMs);
  const floorLine = (name: string, s: LatencyStats) => `${name} p50 ${s.p50} ms, p99 ${s.p99} ms (n ${s.count})`;
  console.log(`floor, the bare chain without the runtime: ${floorLine('Node client', floor.node)}; ${floorLine('Chromium click→row', floor.browser)}`);

  const admin = (await call('POST', '/api/auth/login', { username: 'admin', password: 'asdf' })).token as string;
  const setLoad = (load: number) => call('PUT', '/api/open-bank/heartbeat', { batchSize: Math.round((load * settings.intervalMs) / 1000), intervalMs: settings.intervalMs }, admin);

  const tab = await newTab(browser, { url: (path) => `${base}${path}` });
  await tab.goto('/open-bank#client');
  const client = tab.page.locator('bank-client');
  await client.locator('input[name=username]').fill('bench.client');
  await client.locator('input[name=password]').fill('bench-password');
  await client.locator('#login button[type=submit]').click();
  await client.locator('#iban').waitFor();
  await client.locator('#transfer input[name=amount]').fill('10');
  await client.locator('#transfer input[name=description]').fill('bench transfer');

  console.log(`open-bank click→row latency, load rising by ${settings.step} commands/s every ${settings.loopsPerLevel} loops from ${settings.start}; stop after ${settings.maxTimeouts} timeouts of ${settings.timeoutMs} ms`);
  console.log('rabbitmq and postgres are the machine\'s shared servers: their figures include whatever else runs on them');
  console.log('load = heartbeat commands/s set; beats/s = beats emitted (one command each); handled = commands/s the command handler stored; CPU % of one core; MB = resident memory (summed over the processes of a group)');
  const header = ['load', 'beats/s', 'handled/s', 'n', 'mean', 'p50', 'p50/floor', 'level floor p50', 'p50/level floor', 'p95', 'p99', 'timeouts', ...groups.map((g) => `${g.name} cpu%/MB`)];
  console.log(header.join('\t'));

  let balance = 0;
  let loop = 0;
  let timeouts = 0;
  for (let load = settings.start; timeouts < settings.maxTimeouts && load <= settings.maxLoad; load += settings.step) {
    await setLoad(load);
    const before = sampleGroups(groups);
    const handledBefore = await handledCommands();
    const beatBefore = (await call('GET', '/api/open-bank/heartbeat', undefined, admin)).beat as number;
    const levelStart = performance.now();
    const latencies: number[] = [];
    const floorLatencies: number[] = [];
    let levelTimeouts = 0;
    for (let i = 0; i < settings.loopsPerLevel && timeouts < settings.maxTimeouts; i++, loop++) {
      const loopStart = performance.now();
      const deposit = loop % 2 === 0;
      balance += deposit ? 2000 : -1000;
      const button = deposit ? 'button.deposit[data-amount="2000"]' : '#transfer button[type=submit]';
      const ms = await clickToRow(tab.page, button, formatCents(balance).replace(/\u00a0/g, ' '), settings.timeoutMs);
      if (ms < 0) {
        timeouts += 1;
        levelTimeouts += 1;
      } else {
        latencies.push(ms);
      }
      const floorMs = await floorPage.click(settings.timeoutMs);
      if (floorMs >= 0) floorLatencies.push(floorMs);
      // Plus up to one heartbeat interval at random: a loop of exactly 1 s would keep clicking at
      // the same phase of the heartbeat's ticks (say, always just after a burst of generated
      // commands), so consecutive samples would not be independent and a level's p50 would say
      // more about that phase than about the latency.
      await sleep(Math.max(0, settings.loopMs - (performance.now() - loopStart)) + Math.random() * settings.intervalMs);
    }
    const elapsed = performance.now() - levelStart;
    const level: Level = {
      load,
      stats: latencyStats(latencies),
      floor: latencyStats(floorLatencies),
      timeouts: levelTimeouts,
      handled: Math.round(((await handledCommands()) - handledBefore) / (elapsed / 1000)),
      beats: Math.round((((await call('GET', '/api/open-bank/heartbeat', undefined, admin)).beat as number) - beatBefore) / (elapsed / 1000)),
      usage: usageBetween(before, sampleGroups(groups), elapsed),
    };
    levels.push(level);
    const { stats } = level;
    console.log([load, level.beats, level.handled, stats.count, stats.mean, stats.p50, ratioToFloor(stats.p50).toFixed(2), level.floor.p50, ratio(stats.p50, level.floor.p50).toFixed(2), stats.p95, stats.p99, level.timeouts,
      ...groups.map((g) => { const u = level.usage.get(g.name)!; return `${Math.round(u.cpuPercent)}/${Math.round(u.rssMb)}`; })].join('\t'));
  }
  await setLoad(0);
  if (tab.errors.length > 0) console.log(`page errors: ${tab.errors.join(' | ')}`);
} finally {
  const floorErrors = await floorPage?.close().catch(() => []);
  if (floorErrors?.length) console.log(`floor page errors: ${floorErrors.join(' | ')}`);
  await chain?.close();
  await browser.close();
  await sql.end();
  await stopServer();
}

/** SIGTERM (the server cleans up its namespace); if a backlog keeps it busy, kill it and clean up here. */
async function stopServer(): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)])) return;
  server.kill('SIGKILL');
  await exited;
  await deleteNamespace(started.namespace);
  await dropSchemas(started.namespace);
}

/** A level's p50 over the browser floor's before the ramp (NaN without one). */
function ratioToFloor(p50: number): number {
  return floor ? ratio(p50, floor.browser.p50) : NaN;
}

function ratio(p50: number, floorP50: number): number {
  return Math.round((p50 / floorP50) * 100) / 100;
}

// Sustained: the highest level whose every loop showed its row in time.
const sustained = levels.filter((level) => level.timeouts === 0 && level.stats.count > 0).map((level) => level.load);
const at100 = levels.find((level) => level.load === 100);
console.log(JSON.stringify({
  levels: levels.map(({ load, stats, floor: levelFloor }) => ({
    load, p50: stats.p50, p95: stats.p95, p99: stats.p99, mean: stats.mean, p50Ratio: ratioToFloor(stats.p50),
    floorP50: levelFloor.p50, p50RatioToLevelFloor: ratio(stats.p50, levelFloor.p50),
  })),
  maxSustained: sustained.length > 0 ? Math.max(...sustained) : 0,
  floorP50: floor?.browser.p50 ?? null,
  floorP99: floor?.browser.p99 ?? null,
  nodeFloorP50: floor?.node.p50 ?? null,
  nodeFloorP99: floor?.node.p99 ?? null,
  p50RatioAt100: at100 ? ratioToFloor(at100.stats.p50) : null,
  p50RatioToLevelFloorAt100: at100 ? ratio(at100.stats.p50, at100.floor.p50) : null,
}));
process.exit(0);
