import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './wait.ts';

const run = promisify(execFile);
const sbin = '/usr/lib/rabbitmq/bin';
const tool = (name: string) => (existsSync(join(sbin, name)) ? join(sbin, name) : name);

/**
 * A RabbitMQ node of a test's own, from the installed `rabbitmq-server`: its own name, ports,
 * data and log folders, plugins file and Erlang cookie (its own HOME), so it can lack a plugin,
 * be stopped or come late without touching the node the other tests share.
 */
export class OwnRabbit {
  private constructor(
    readonly node: string,
    readonly amqpPort: number,
    readonly managementPort: number,
    private readonly base: string,
    private readonly env: NodeJS.ProcessEnv,
    private server: ChildProcess | undefined,
  ) {}

  /** Prepares a node with these plugins enabled; `start()` boots it. */
  static async create(plugins: readonly string[]): Promise<OwnRabbit> {
    const base = await mkdtemp(join(tmpdir(), 'own-rabbit-'));
    const [amqpPort, distPort, managementPort] = (await freePorts(3)) as [number, number, number];
    const node = `${base.split('-').pop()!.toLowerCase()}-test@localhost`;
    await mkdir(join(base, 'home'));
    await writeFile(join(base, 'enabled_plugins'), `[${plugins.join(',')}].\n`);
    await writeFile(join(base, 'rabbitmq.conf'), `management.tcp.port = ${managementPort}\nmanagement.tcp.ip = 127.0.0.1\n`);
    await writeFile(join(base, 'none.conf'), '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: join(base, 'home'),
      RABBITMQ_NODENAME: node,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(amqpPort),
      RABBITMQ_DIST_PORT: String(distPort),
      RABBITMQ_MNESIA_BASE: join(base, 'mnesia'),
      RABBITMQ_LOG_BASE: join(base, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(base, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(base, 'rabbitmq.conf'),
      RABBITMQ_CONF_ENV_FILE: join(base, 'none.conf'),
      RABBITMQ_PID_FILE: join(base, 'pid'),
    };
    return new OwnRabbit(node, amqpPort, managementPort, base, env, undefined);
  }

  get amqpUrl(): string {
    return `amqp://guest:guest@127.0.0.1:${this.amqpPort}`;
  }

  get managementUrl(): string {
    return `http://guest:guest@127.0.0.1:${this.managementPort}`;
  }

  /** Boots the node and waits until it accepts work. */
  async start(): Promise<void> {
    this.server = spawn(tool('rabbitmq-server'), [], { env: this.env, stdio: 'ignore' });
    await eventually(async () => {
      if (this.server?.exitCode !== null) throw new Error(`rabbitmq-server ${this.node} exited (${this.server?.exitCode}); see ${this.base}/log`);
      return this.ctl('await_startup', '--timeout', '10').then(() => true, () => false);
    }, 60_000, `RabbitMQ node ${this.node} to start`);
  }

  ctl(...args: string[]): Promise<unknown> {
    return run(tool('rabbitmqctl'), ['-q', '-n', this.node, ...args], { env: this.env });
  }

  /** Stops the node and removes its files. */
  async destroy(): Promise<void> {
    if (this.server && this.server.exitCode === null) {
      await this.ctl('stop').catch(() => this.server?.kill('SIGKILL'));
      await eventually(() => this.server?.exitCode !== null, 30_000, `RabbitMQ node ${this.node} to stop`).catch(() => this.server?.kill('SIGKILL'));
    }
    await rm(this.base, { recursive: true, force: true });
  }
}

/** Ports nobody listens on right now (the OS picks them). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
