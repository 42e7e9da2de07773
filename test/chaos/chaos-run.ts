import postgres from 'postgres';
import { AppProcess } from '../support/app-process.ts';
import type { RabbitCluster } from '../support/rabbit-cluster.ts';
import { eventually, sleep } from '../support/wait.ts';
import amqp from 'amqplib';
import { deadlineOrdersVerdict, openBankVerdict, restaurantVerdict, type Verdict } from './invariants.ts';
import { Apps, runLoad, type LoadCounts } from './landscape-load.ts';
import type { OwnPostgres } from './own-postgres.ts';

export type FaultKind = 'brokerNodeStopped' | 'connectionsClosed' | 'appKilled' | 'postgresRestarted';

/** The names `CHAOS_FAULTS` takes (comma-separated; `none` for the delivery hooks only). */
export const faultNames: Record<string, FaultKind> = { node: 'brokerNodeStopped', connections: 'connectionsClosed', kill: 'appKilled', postgres: 'postgresRestarted' };

/** The fault kinds a `CHAOS_FAULTS` value names, in its order; unset, every kind. */
export function parseFaultKinds(value: string | undefined): FaultKind[] {
  const text = (value ?? 'node,connections,kill,postgres').trim();
  if (text === '' || text === 'none') return [];
  return text.split(',').map((name) => {
    const kind = faultNames[name.trim()];
    if (kind === undefined) throw new Error(`CHAOS_FAULTS: unknown fault ${JSON.stringify(name)} (known: ${Object.keys(faultNames).join(', ')}, none)`);
    return kind;
  });
}

export interface ChaosSettings {
  cluster: RabbitCluster;
  postgres: OwnPostgres;
  /** How long load and faults go on. */
  loadSeconds: number;
  /** Pause between two faults (one kind after another, in turn). */
  faultGapSeconds: number;
  /** Each kind of fault at least this often, however long it takes (the load goes on meanwhile). */
  minEachFault?: number;
  /** The kinds of fault injected, in this order, in turn (none: only the delivery hooks). */
  faultKinds: FaultKind[];
  beatsPerSecond: number;
  /** Shares of deliveries duplicated and dropped by the runtime's chaos hooks. */
  duplicate: number;
  drop: number;
  /** How long to wait, after the load, for every process to end. */
  settleSeconds: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  messages: number;
  faults: Record<FaultKind, number>;
  /** Deliveries the runtime's hooks duplicated and dropped (as last reported by the processes). */
  injected: { duplicated: number; dropped: number };
  load: LoadCounts;
  verdicts: Verdict[];
  lost: number;
  doubled: number;
  longestStallMs: number;
  seconds: number;
  /** Messages in the dead-letter office, per service, type and reason: handed to a person, not lost silently. */
  parked: Array<{ service: string; type: string | null; reason: string; error: string | null; n: number }>;
}

const holders = ['chaos-ann', 'chaos-bob', 'chaos-cho', 'chaos-dan'];
const initialPoints = 1_000_000;

/**
 * Three app processes (all of open-bank, restaurant and deadline-orders, `main.ts`) over a
 * 3-node cluster and a Postgres of the run's own, under load, while faults are injected in
 * turn: a broker node stopped and started, every connection closed, an app process
 * SIGKILLed (mid-handler: it is busy) and restarted, Postgres restarted; and all along, the
 * runtime's chaos hooks duplicate and drop deliveries. Then each landscape's invariants.
 */
export async function runChaos(settings: ChaosSettings): Promise<ChaosResult> {
  const log = settings.log ?? (() => {});
  const { cluster } = settings;
  const started = Date.now();
  const id = crypto.randomUUID().slice(0, 8);
  const vhost = `chaos-${id}`;
  const database = `chaos_${id}`;
  await cluster.ctl(0, 'add_vhost', vhost);
  await cluster.ctl(0, 'set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  // A new vhost starts on each node in its own time (seen: a process refused on it, START-003).
  await eventually(async () => (await Promise.all(cluster.nodes.map((_, i) => amqp.connect(cluster.amqpUrl(i, vhost)).then((c) => c.close().then(() => true), () => false)))).every(Boolean), 60_000, `vhost ${vhost} on every node`);
  await settings.postgres.createDatabase(database);
  const sql = postgres(settings.postgres.databaseUrl(database), { max: 2, onnotice: () => {}, connect_timeout: 3 });

  const urls = cluster.nodes.map((_, i) => cluster.amqpUrl(i, vhost));
  // Each process starts on another node (its list rotated), as a load balancer would spread them.
  const envOf = (index: number): Record<string, string> => ({
    AMQP_URL: [...urls.slice(index), ...urls.slice(0, index)].join(','),
    RABBITMQ_MANAGEMENT_URL: cluster.managementUrls(),
    DATABASE_URL: settings.postgres.databaseUrl(database),
    SERVICES: 'open-bank,restaurant,deadline-orders',
    ACTORS_CHAOS: `duplicate:${settings.duplicate},drop:${settings.drop}`,
    LOG_LEVEL: 'info', // the port is logged at info
    TIME_SCALE: '1',
  });
  const apps: AppProcess[] = [];
  const ports: number[] = [];
  const chaosSeen = new Map<AppProcess, { duplicated: number; dropped: number }>();
  const retired: Array<{ duplicated: number; dropped: number }> = [];
  // A process that exits without being killed by the scheduler crashed: an invariant failure of its own.
  const killed = new Set<AppProcess>();
  const crashes: string[] = [];
  const startApp = async (index: number) => {
    const app = new AppProcess(envOf(index));
    apps[index] = app;
    void app.exited(24 * 3_600_000).then((code) => {
      if (killed.has(app) || stopping) return;
      const at = Math.round((Date.now() - started) / 1000);
      crashes.push(`app ${index} exited by itself (code ${code}) at ${at}s; its last output: ${app.output.slice(-1_500)}`);
      log(`${at}s app ${index} EXITED BY ITSELF (code ${code})`);
    }, () => {});
    ports[index] = await app.port();
    // Stable: migrations ran, the topology is declared.
    for (;;) {
      const health = await app.health().catch(() => undefined);
      if (health?.status === 200) break;
      if (app.exitCode !== null) throw new Error(`app ${index} exited: ${app.output.slice(-2_000)}`);
      await sleep(250);
    }
  };
  const chaosOf = (app: AppProcess) => {
    const last = [...app.lines].reverse().find((l) => l.code === 'CHAOS-002') as { duplicated?: number; dropped?: number } | undefined;
    return { duplicated: last?.duplicated ?? 0, dropped: last?.dropped ?? 0 };
  };

  const faults: Record<FaultKind, number> = { brokerNodeStopped: 0, connectionsClosed: 0, appKilled: 0, postgresRestarted: 0 };
  let messages = 0;
  let longestStallMs = 0;
  let failed = true;
  let stopping = false;
  const keep = () => process.env.CHAOS_KEEP === '1' || (failed && process.env.CHAOS_KEEP !== '0');
  try {
    // One first (it migrates), then the others.
    await startApp(0);
    await Promise.all([startApp(1), startApp(2)]);
    log(`3 app processes up on ports ${ports.join(', ')} (vhost ${vhost}, database ${database} on :${settings.postgres.port})`);

    // Messages handled = rows of the runtime's inbox; a stall is a stretch in which it did not grow.
    let loadOn = true;
    let lastCount = 0;
    let lastChange = Date.now();
    const watcher = (async () => {
      while (loadOn) {
        const count = await sql<Array<{ n: number }>>`select count(*)::int as n from actors.inbox`.then((r) => r[0]!.n, () => undefined);
        const now = Date.now();
        if (count !== undefined && count > lastCount) {
          longestStallMs = Math.max(longestStallMs, now - lastChange);
          lastCount = count;
          lastChange = now;
        }
        await sleep(250);
      }
      longestStallMs = Math.max(longestStallMs, Date.now() - lastChange);
    })();

    const loadUntil = Date.now() + settings.loadSeconds * 1000;
    let faultsDone = false;
    const load = runLoad(new Apps(() => ports.filter((_, i) => apps[i]?.exitCode === null)), () => faultsDone && Date.now() > loadUntil, { beatsPerSecond: settings.beatsPerSecond, deadlineHolders: holders, initialPoints });

    const kinds = settings.faultKinds;
    let turn = 0;
    const minEach = settings.minEachFault ?? 0;
    while (Date.now() < loadUntil - settings.faultGapSeconds * 1000 || kinds.some((kind) => faults[kind] < minEach)) {
      await sleep(settings.faultGapSeconds * 1000);
      const kind = kinds[turn % kinds.length];
      if (kind === undefined) continue; // no faults: the delivery hooks only
      const round = Math.floor(turn / kinds.length);
      turn += 1;
      const at = Math.round((Date.now() - started) / 1000);
      if (kind === 'brokerNodeStopped') {
        const node = round % cluster.nodes.length;
        log(`${at}s fault: stop_app ${cluster.nodes[node]!.name}`);
        await cluster.stopApp(node);
        await sleep(5_000);
        await startNode(cluster, node);
      } else if (kind === 'connectionsClosed') {
        const closed = await closeConnections(cluster, vhost);
        log(`${at}s fault: closed ${closed} connections through the management API`);
      } else if (kind === 'appKilled') {
        const index = round % apps.length;
        const victim = apps[index]!;
        retired.push(chaosOf(victim));
        killed.add(victim);
        log(`${at}s fault: SIGKILL app ${index} (port ${ports[index]})`);
        await victim.kill();
        await startApp(index);
        log(`${Math.round((Date.now() - started) / 1000)}s app ${index} restarted on port ${ports[index]}`);
      } else {
        log(`${at}s fault: pg_ctlcluster restart ${settings.postgres.version}/${settings.postgres.name}`);
        await settings.postgres.restart();
      }
      faults[kind] += 1;
    }
    faultsDone = true;
    const loadCounts = await load;
    loadOn = false;
    await watcher;
    log(`load done: ${JSON.stringify(loadCounts)}; settling`);

    // Settle: until every order ended and the inbox stopped growing for a few seconds.
    const settleUntil = Date.now() + settings.settleSeconds * 1000;
    let verdicts: Verdict[] = [];
    let stableSince = Date.now();
    let previous = -1;
    while (Date.now() < settleUntil) {
      const count = await sql<Array<{ n: number }>>`select count(*)::int as n from actors.inbox`.then((r) => r[0]!.n, () => -1);
      if (count !== previous) { previous = count; stableSince = Date.now(); }
      verdicts = await verdictsOf(sql).catch(() => []);
      if (verdicts.length === 3 && verdicts.every((v) => v.problems.length === 0) && Date.now() - stableSince > 3_000) break;
      await sleep(1_000);
    }
    verdicts = await verdictsOf(sql);
    verdicts.push({ landscape: 'app processes', checked: 3, lost: 0, doubled: 0, problems: [...crashes] });
    messages = (await sql<Array<{ n: number }>>`select count(*)::int as n from actors.inbox`)[0]!.n;
    // What the processes warned about most: a hint where time went (retries, reconnections).
    const warnings = new Map<string, number>();
    for (const app of apps) for (const line of app.lines) if (typeof line.level === 'number' && line.level >= 40 && line.code !== 'CHAOS-002') {
      const key = `${line.code ?? ''} ${String(line.msg ?? '').slice(0, 60)}`;
      warnings.set(key, (warnings.get(key) ?? 0) + 1);
    }
    log(`warnings of the running processes: ${[...warnings].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${n}× ${k}`).join('; ')}`);
    log(`chaos per process: ${apps.map((app) => JSON.stringify([...app.lines].reverse().find((l) => l.code === 'CHAOS-002') ?? {})).join(' ')}`);
    failed = verdicts.some((v) => v.problems.length > 0);
    const parked = await sql<ChaosResult['parked']>`
      select service, type, reason, left(error_message, 80) as error, count(*)::int as n from actors.dead_letters group by 1, 2, 3, 4 order by n desc`;
    const injected = [...retired, ...apps.map(chaosOf)].reduce((sum, c) => ({ duplicated: sum.duplicated + c.duplicated, dropped: sum.dropped + c.dropped }), { duplicated: 0, dropped: 0 });
    return {
      messages,
      faults,
      injected,
      load: loadCounts,
      verdicts,
      lost: verdicts.reduce((n, v) => n + v.lost, 0),
      doubled: verdicts.reduce((n, v) => n + v.doubled, 0),
      longestStallMs,
      seconds: Math.round((Date.now() - started) / 1000),
      parked: [...parked],
    };
  } finally {
    stopping = true;
    await Promise.all(apps.map((app) => app.stop().catch(() => app.kill().catch(() => {}))));
    await sql.end({ timeout: 5 });
    // A failed run leaves its vhost and database for a look (CHAOS_KEEP=1 keeps any run's).
    if (keep()) {
      log(`kept for inspection: vhost ${vhost} on the cluster, database ${database} on :${settings.postgres.port}`);
    } else {
      await settings.postgres.dropDatabase(database).catch(() => {});
      await cluster.ctl(0, 'delete_vhost', vhost).catch(() => {});
    }
  }

  async function verdictsOf(db: postgres.Sql): Promise<Verdict[]> {
    return [await openBankVerdict(db), await restaurantVerdict(db), await deadlineOrdersVerdict(db, initialPoints)];
  }
}

/**
 * `start_app` until the node runs in the cluster again. On two loaded cores the CLI call can
 * outlast its 60 s timeout while the node still starts, or return with the node not started
 * (both seen): the run would end there, or go on with a node short.
 */
async function startNode(cluster: RabbitCluster, node: number): Promise<void> {
  const name = cluster.nodes[node]!.name;
  const running = () => cluster.runningNodes((node + 1) % cluster.nodes.length).then((nodes) => nodes.includes(name), () => false);
  for (let attempt = 1; ; attempt++) {
    await cluster.startApp(node).catch(() => {});
    const up = await eventually(running, 120_000, `${name} running`).then(() => true, () => false);
    if (up) return;
    if (attempt === 3) throw new Error(`${name} did not start again after 3 start_app`);
  }
}

/** Closes every connection of the vhost from the broker's side (the management API), on whichever node answers. */
async function closeConnections(cluster: RabbitCluster, vhost: string): Promise<number> {
  const auth = { authorization: `Basic ${btoa('guest:guest')}` };
  for (const node of cluster.nodes) {
    const base = `http://127.0.0.1:${node.managementPort}`;
    try {
      const response = await fetch(`${base}/api/vhosts/${encodeURIComponent(vhost)}/connections?columns=name`, { headers: auth, signal: AbortSignal.timeout(5_000) });
      if (!response.ok) continue;
      const connections = (await response.json()) as Array<{ name: string }>;
      await Promise.all(connections.map((c) => fetch(`${base}/api/connections/${encodeURIComponent(c.name)}`, {
        method: 'DELETE', headers: { ...auth, 'x-reason': 'chaos: all connections closed' }, signal: AbortSignal.timeout(5_000),
      })));
      return connections.length;
    } catch {
      // this node's API does not answer: the next one
    }
  }
  return 0;
}
