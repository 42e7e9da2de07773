/**
 * `npm run bench:scale`: throughput and latency with 1, 2 and 3 app processes (`main.ts`,
 * competing consumers on every mailbox), on the machine's RabbitMQ node, and with 3
 * processes on a 3-node cluster (the one `npm run cluster:up` started, else one of its own;
 * SCALE_CLUSTER=0 skips it). Two paths per configuration:
 * - open-bank's command path: POST /transfers (cash → one of 8 accounts) until its outcome
 *   (GET /transfers/<id>?waitMs) is confirmed; SCALE_TRANSFERS (default 600), 16 at a time;
 * - an orchestrator path: restaurant eat-first orders (the XState process manager, cooks,
 *   assistant manager, cashier) at TIME_SCALE 0.1, from POST /orders to `finished`;
 *   SCALE_ORDERS (default 60), 6 at a time (the three cooks bound it).
 * Each configuration gets its own vhost and database. Last line: one JSON object.
 */
import { execFile, execSync } from 'node:child_process';
import process from 'node:process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { ownCluster } from '../../cluster/own-cluster.ts';
import { AppProcess } from '../../support/app-process.ts';
import { databaseUrl, managementUrl } from '../../support/environment.ts';
import { RabbitCluster } from '../../support/rabbit-cluster.ts';
import { sleep } from '../../support/wait.ts';
import { Apps } from '../../chaos/landscape-load.ts';
import { latencyStats } from '../bank/latency-stats.ts';

const run = promisify(execFile);
const transfers = Number(process.env.SCALE_TRANSFERS ?? 600);
const orders = Number(process.env.SCALE_ORDERS ?? 60);

interface Target {
  label: string;
  /** AMQP URLs to hand to process i (a list for the cluster, rotated per process). */
  amqpFor(vhost: string, index: number): string;
  managementUrl: string;
  ctl(...args: string[]): Promise<unknown>;
}

const local: Target = {
  label: 'one node',
  amqpFor: (vhost) => `amqp://guest:guest@127.0.0.1:5672/${encodeURIComponent(vhost)}`,
  managementUrl: managementUrl(),
  ctl: (...args) => run('rabbitmqctl', ['-q', ...args]),
};

function clusterTarget(cluster: RabbitCluster): Target {
  return {
    label: '3-node cluster',
    amqpFor: (vhost, index) => { const urls = cluster.nodes.map((_, i) => cluster.amqpUrl(i, vhost)); return [...urls.slice(index), ...urls.slice(0, index)].join(','); },
    managementUrl: cluster.managementUrls(),
    ctl: (...args) => cluster.ctl(0, ...args),
  };
}

interface Figures { perSecond: number; p50: number; p99: number; n: number; failed: number }

async function configuration(target: Target, processes: number): Promise<{ bank: Figures; orchestrator: Figures }> {
  const id = crypto.randomUUID().slice(0, 8);
  const vhost = `scale-${id}`;
  const database = `scale_${id}`;
  await target.ctl('add_vhost', vhost);
  await target.ctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  const admin = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  const dbUrl = new URL(databaseUrl());
  dbUrl.pathname = `/${database}`;
  const apps: AppProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const app = new AppProcess({ AMQP_URL: target.amqpFor(vhost, i), RABBITMQ_MANAGEMENT_URL: target.managementUrl, DATABASE_URL: dbUrl.toString(), SERVICES: 'open-bank,restaurant', TIME_SCALE: '0.1', LOG_LEVEL: 'info' });
      apps.push(app);
      await app.port();
      for (;;) { if ((await app.health().catch(() => undefined))?.status === 200) break; await sleep(250); }
    }
    const ports = await Promise.all(apps.map((a) => a.port()));
    const client = new Apps(() => ports);
    const accounts: string[] = [];
    for (let i = 0; i < 8; i++) accounts.push((await client.expect<{ iban: string }>(200, 'POST', '/api/open-bank/login', { username: `scale.client${i}`, password: 'scale-password' })).iban);
    const bank = await measure(transfers, 16, async (i) => {
      const id = crypto.randomUUID();
      await client.expect(202, 'POST', '/api/open-bank/transfers', { id, token: 'none', amount: 100, from: 'cash', to: accounts[i % accounts.length], description: 'scale' });
      for (;;) {
        const outcome = await client.expect<{ status: string }>(200, 'GET', `/api/open-bank/transfers/${id}?waitMs=10000`);
        if (outcome.status !== 'pending') return outcome.status === 'confirmed';
      }
    });
    const orchestrator = await measure(orders, 6, async (i) => {
      const { orderId } = await client.expect<{ orderId: string }>(202, 'POST', '/api/restaurant/orders', { tableNumber: 1 + (i % 19), items: [{ item: 'pancake', quantity: 2 }], dodgy: false });
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        const order = await client.expect<{ status: string }>(200, 'GET', `/api/restaurant/orders/${orderId}`);
        if (order.status === 'finished') return true;
        if (order.status === 'gave-up') return false;
        await sleep(20);
      }
      return false;
    });
    return { bank, orchestrator };
  } finally {
    await Promise.all(apps.map((a) => a.stop().catch(() => a.kill())));
    await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
    await admin.end();
    await target.ctl('delete_vhost', vhost).catch(() => {});
  }
}

/** `count` operations, `parallel` at a time; an operation answers whether it succeeded. */
async function measure(count: number, parallel: number, operation: (i: number) => Promise<boolean>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      const ok = await operation(i).catch(() => false);
      if (ok) latencies.push(performance.now() - t0); else failed += 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const stats = latencyStats(latencies);
  return { perSecond: Math.round((latencies.length / seconds) * 10) / 10, p50: stats.p50, p99: stats.p99, n: latencies.length, failed };
}

const uptime = () => execSync('uptime').toString().trim().replace(/^.*load/, 'load');
console.log(`bench:scale — ${transfers} transfers (16 at a time) and ${orders} restaurant orders (6 at a time, TIME_SCALE 0.1) per configuration; 2 cores shared by everything (processes, RabbitMQ, Postgres, this client)`);
console.log(['broker', 'processes', 'transfers/s', 'p50 ms', 'p99 ms', 'orders/s', 'p50 ms', 'p99 ms', 'failed', 'load'].join('\t'));
const results: Array<{ broker: string; processes: number; bank: Figures; orchestrator: Figures }> = [];
const report = (broker: string, processes: number, r: { bank: Figures; orchestrator: Figures }) => {
  results.push({ broker, processes, ...r });
  console.log([broker, processes, r.bank.perSecond, r.bank.p50, r.bank.p99, r.orchestrator.perSecond, r.orchestrator.p50, r.orchestrator.p99, r.bank.failed + r.orchestrator.failed, uptime()].join('\t'));
};
for (const processes of [1, 2, 3]) report(local.label, processes, await configuration(local, processes));
if (process.env.SCALE_CLUSTER !== '0') {
  const running = await RabbitCluster.read(process.env.CLUSTER_DIR ?? '/tmp/milk-factory-cluster');
  const upAlready = running !== undefined && (await running.runningNodes(0).then((nodes) => nodes.length === running.nodes.length, () => false));
  const own = upAlready ? undefined : await ownCluster('scale');
  try {
    report(clusterTarget(upAlready ? running! : own!).label, 3, await configuration(clusterTarget(upAlready ? running! : own!), 3));
  } finally {
    await own?.stop(true);
  }
}
console.log(JSON.stringify(results.map((r) => ({ broker: r.broker, processes: r.processes, transfersPerSecond: r.bank.perSecond, transferP50: r.bank.p50, transferP99: r.bank.p99, ordersPerSecond: r.orchestrator.perSecond, orderP50: r.orchestrator.p50, orderP99: r.orchestrator.p99 }))));
process.exit(0);
