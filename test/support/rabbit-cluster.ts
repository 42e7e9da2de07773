import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './wait.ts';

const run = promisify(execFile);
const sbin = '/usr/lib/rabbitmq/bin';
const tool = (name: string) => (existsSync(join(sbin, name)) ? join(sbin, name) : name);

/** Whether this machine can start RabbitMQ nodes of its own (the cluster's tests skip without it). */
export const rabbitmqInstalled = existsSync(join(sbin, 'rabbitmq-server')) || existsSync('/usr/sbin/rabbitmq-server');

export const clusterPlugins = ['rabbitmq_management', 'rabbitmq_consistent_hash_exchange'] as const;

export interface ClusterNode {
  /** Erlang node name, e.g. `mf-cluster-1@localhost`. */
  name: string;
  amqpPort: number;
  managementPort: number;
  distPort: number;
}

export interface ClusterLayout {
  /** Data, logs, the shared Erlang cookie (its HOME). */
  dir: string;
  /** Node names are `<prefix>-1@localhost` … */
  prefix: string;
  nodes: ClusterNode[];
}

/**
 * Three (or N) RabbitMQ nodes of the installed `rabbitmq-server` clustered on this machine:
 * own node names, AMQP/management/distribution ports and data folders, one Erlang cookie
 * (a HOME they share, which `rabbitmqctl` reads too). Nodes run detached, so the cluster
 * outlives the process that started it (`npm run cluster:up`), and are stopped by name.
 * Never touches the machine's own node (rabbit@localhost, 5672).
 */
export class RabbitCluster {
  constructor(readonly layout: ClusterLayout) {}

  /** A layout of `size` nodes whose ports start at `firstAmqpPort` (management +10000, distribution +20000). */
  static layout(dir: string, prefix: string, firstAmqpPort: number, size = 3): ClusterLayout {
    return {
      dir,
      prefix,
      nodes: Array.from({ length: size }, (_, i) => ({
        name: `${prefix}-${i + 1}@localhost`,
        amqpPort: firstAmqpPort + i,
        managementPort: firstAmqpPort + 10_000 + i,
        distPort: firstAmqpPort + 20_000 + i,
      })),
    };
  }

  get nodes(): ClusterNode[] {
    return this.layout.nodes;
  }

  amqpUrl(index: number, vhost = ''): string {
    return `amqp://guest:guest@127.0.0.1:${this.nodes[index]!.amqpPort}${vhost ? `/${encodeURIComponent(vhost)}` : ''}`;
  }

  managementUrl(index: number): string {
    return `http://guest:guest@127.0.0.1:${this.nodes[index]!.managementPort}`;
  }

  /** `AMQP_URL` for the app: every node, comma-separated. */
  amqpUrls(vhost = ''): string {
    return this.nodes.map((_, i) => this.amqpUrl(i, vhost)).join(',');
  }

  /** `RABBITMQ_MANAGEMENT_URL` for the app: every node's API, comma-separated. */
  managementUrls(): string {
    return this.nodes.map((_, i) => this.managementUrl(i)).join(',');
  }

  #home(): string {
    return join(this.layout.dir, 'home');
  }

  #env(node: ClusterNode): NodeJS.ProcessEnv {
    const base = join(this.layout.dir, node.name.split('@')[0]!);
    return {
      ...process.env,
      HOME: this.#home(),
      RABBITMQ_NODENAME: node.name,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(node.amqpPort),
      RABBITMQ_DIST_PORT: String(node.distPort),
      RABBITMQ_MNESIA_BASE: join(base, 'mnesia'),
      RABBITMQ_LOG_BASE: join(base, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.layout.dir, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(base, 'rabbitmq.conf'),
      RABBITMQ_CONF_ENV_FILE: join(this.layout.dir, 'none.conf'),
      RABBITMQ_PID_FILE: join(base, 'pid'),
    };
  }

  /**
   * Writes the files, boots every node, resolves when all run in one cluster. Nodes 2..N list
   * node 1 for peer discovery (classic config), so a blank node joins it as it boots: no
   * `stop_app`/`join_cluster`/`start_app`, whose CLI calls (an Erlang VM each) took most of
   * the start on two loaded cores and ran the test's hook out of time. Readiness is read from
   * the management API for the same reason.
   */
  async start(): Promise<void> {
    await mkdir(this.#home(), { recursive: true });
    const cookie = join(this.#home(), '.erlang.cookie');
    if (!existsSync(cookie)) {
      await writeFile(cookie, crypto.randomUUID().replaceAll('-', '').toUpperCase());
      await chmod(cookie, 0o400);
    }
    await writeFile(join(this.layout.dir, 'enabled_plugins'), `[${clusterPlugins.join(',')}].\n`);
    await writeFile(join(this.layout.dir, 'none.conf'), '');
    await writeFile(join(this.layout.dir, 'layout.json'), JSON.stringify(this.layout, null, 2));
    const [first, ...others] = this.nodes;
    for (const node of this.nodes) {
      const base = join(this.layout.dir, node.name.split('@')[0]!);
      await mkdir(base, { recursive: true });
      await writeFile(join(base, 'rabbitmq.conf'), [
        `management.tcp.port = ${node.managementPort}`,
        'management.tcp.ip = 127.0.0.1',
        // A stopped node is noticed within seconds, not the default minute.
        'net_ticktime = 10',
        ...(node === first ? [] : ['cluster_formation.peer_discovery_backend = classic_config', `cluster_formation.classic_config.nodes.1 = ${first!.name}`]),
        '',
      ].join('\n'));
    }
    // Booted one after another: each blank node finds node 1 running and joins it.
    for (const node of this.nodes) await this.#boot(node);
    for (const node of others) {
      // A node that booted before (data kept, `cluster:up` again) or missed node 1 joins by hand.
      if ((await this.runningNodesByApi(0)).includes(node.name)) continue;
      await this.ctl(node, 'stop_app');
      await this.ctl(node, 'join_cluster', first!.name);
      await this.ctl(node, 'start_app');
    }
    await eventually(async () => (await this.runningNodesByApi(0)).length === this.nodes.length, 60_000, 'every node to run in the cluster');
    // Unset, each node names the cluster after itself, and the runtime's check that the
    // management API belongs to the broker AMQP reaches (START-004) would see two clusters.
    await this.#api(0, '/api/cluster-name', { method: 'PUT', body: JSON.stringify({ name: this.layout.prefix }) });
  }

  async #boot(node: ClusterNode): Promise<void> {
    if (await this.#answers(node)) return; // already running (cluster:up twice)
    const child = spawn(tool('rabbitmq-server'), [], { env: this.#env(node), stdio: 'ignore', detached: true });
    let exited: number | null = null;
    child.once('exit', (code) => { exited = code ?? -1; });
    child.unref();
    try {
      await eventually(async () => {
        if (exited !== null) throw new Error(`rabbitmq-server ${node.name} exited (${exited})`);
        return this.#answers(node);
      }, 150_000, `RabbitMQ node ${node.name} to start`);
    } catch (error) {
      // What the node wrote last is what says why (CI shows only the error).
      throw new Error(`${(error as Error).message}; the end of its log:\n${await this.logTail(node)}`, { cause: error });
    }
  }

  /** Whether the node's management API answers (the node has booted with its plugins). */
  async #answers(node: ClusterNode): Promise<boolean> {
    const index = this.nodes.indexOf(node);
    return this.#api(index, '/api/overview').then(() => true, () => false);
  }

  async #api(index: number, path: string, init: RequestInit = {}): Promise<unknown> {
    const node = this.nodes[index]!;
    const response = await fetch(`http://127.0.0.1:${node.managementPort}${path}`, {
      ...init,
      headers: { authorization: `Basic ${btoa('guest:guest')}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} on ${node.name}: ${response.status}`);
    return response.status === 204 ? undefined : response.json().catch(() => undefined);
  }

  /** The nodes running in node `index`'s cluster, from its management API (no CLI call). */
  async runningNodesByApi(index: number): Promise<string[]> {
    const nodes = await this.#api(index, '/api/nodes').catch(() => []) as { name: string; running: boolean }[];
    return nodes.filter((node) => node.running).map((node) => node.name);
  }

  /** The last lines of a node's log. */
  async logTail(node: ClusterNode, lines = 20): Promise<string> {
    const short = node.name.split('@')[0]!;
    const file = join(this.layout.dir, short, 'log', `${node.name}.log`);
    const text = await readFile(file, 'utf8').catch((error: Error) => `(no log: ${error.message})`);
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** `rabbitmqctl -n <node> …` with the cluster's cookie. */
  async ctl(node: ClusterNode | number, ...args: string[]): Promise<string> {
    const target = typeof node === 'number' ? this.nodes[node]! : node;
    const { stdout } = await run(tool('rabbitmqctl'), ['-q', '-n', target.name, ...args], { env: this.#env(target), timeout: 60_000 });
    return stdout;
  }

  /** The nodes `node` sees running in its cluster. */
  async runningNodes(node: ClusterNode | number): Promise<string[]> {
    const status = JSON.parse(await this.ctl(node, 'cluster_status', '--formatter', 'json')) as { running_nodes?: string[] };
    return status.running_nodes ?? [];
  }

  /** `rabbitmqctl stop_app`: the node leaves service (its connections close, its queue replicas stop) but the VM stays. */
  stopApp(index: number): Promise<string> {
    return this.ctl(index, 'stop_app');
  }

  startApp(index: number): Promise<string> {
    return this.ctl(index, 'start_app');
  }

  /** Stops every node (the VMs too); `removeData` deletes the folder as well. */
  async stop(removeData = false): Promise<void> {
    await Promise.all(this.nodes.map(async (node) => {
      const pidFile = join(this.layout.dir, node.name.split('@')[0]!, 'pid');
      await this.ctl(node, 'stop').catch(async () => {
        // Not answering: its own VM only, by the pid it wrote.
        const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
        if (pid > 0) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      });
    }));
    if (removeData) await rm(this.layout.dir, { recursive: true, force: true });
  }

  /** The layout a `cluster:up` wrote into `dir`, if any. */
  static async read(dir: string): Promise<RabbitCluster | undefined> {
    const text = await readFile(join(dir, 'layout.json'), 'utf8').catch(() => undefined);
    return text ? new RabbitCluster(JSON.parse(text) as ClusterLayout) : undefined;
  }
}
