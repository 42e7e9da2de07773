import { appMigrations } from '../../app-config.ts';
import type { GetMessage } from 'amqplib';
import postgres from 'postgres';
import { ActorSystem, type ActorSystemOptions } from '../../actors/mod.ts';
import { createLogger } from '../../actors/logging/logger.ts';
import { schemaName } from '../../actors/persistence/database.ts';
import { amqpUrl, databaseUrl, managementFetch, managementUrl } from './environment.ts';
import { eventually } from './wait.ts';
import { testInternals } from '../../actors/testing.ts';

export { eventually, sleep } from './wait.ts';

/** Migrations of the runtime plus the test services' own (test/fixtures/sql). */
export const testMigrations = [appMigrations, new URL('../fixtures/sql/', import.meta.url).pathname];
import { createTestNamespace, deleteNamespace } from './namespace.ts';

/** Actor systems started by a test file, stopped and deleted (with their namespace) after it. */
export class TestSystems {
  readonly namespace: string;
  readonly #systems: ActorSystem[] = [];
  readonly #connectionNames = new Map<ActorSystem, string>();

  constructor(label: string) {
    this.namespace = createTestNamespace(label);
  }

  /**
   * Starts an actor system in this file's namespace; one per simulated process. With
   * `database: true` it keeps state in Postgres, in schemas prefixed by the namespace.
   */
  async start(options: Omit<ActorSystemOptions, 'amqpUrl' | 'namespace' | 'database'> & { database?: boolean | ActorSystemOptions['database']; amqpUrl?: string }): Promise<ActorSystem> {
    const connectionName = `${this.namespace}.${this.#systems.length}`;
    const { database, amqpUrl: url, ...rest } = options;
    const system = await ActorSystem.start({
      amqpUrl: url ?? amqpUrl(),
      managementUrl: managementUrl(),
      namespace: this.namespace,
      logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
      connectionName,
      fastPaths: fastPathsFromEnvironment(),
      ...(database ? { database: database === true ? { url: databaseUrl(), migrations: testMigrations } : database } : {}),
      ...rest,
    });
    this.#systems.push(system);
    this.#connectionNames.set(system, connectionName);
    return system;
  }

  /** The name the system's connection shows in the management UI. */
  connectionName(system: ActorSystem): string {
    return this.#connectionNames.get(system)!;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#systems.map((s) => s.stop()));
    await deleteNamespace(this.namespace);
    await dropSchemas(this.namespace);
  }
}

/**
 * `ACTORS_FAST_PATHS=false` runs the suite with the runtime's fast paths off (`.ci/run` runs
 * test/actors both ways); the runtime itself reads no environment for it.
 */
export function fastPathsFromEnvironment(): boolean {
  return process.env.ACTORS_FAST_PATHS !== 'false';
}

/** Takes every message currently in a queue (acking them). */
export async function drainQueue(system: ActorSystem, queue: string): Promise<GetMessage[]> {
  return testInternals(system).broker.withChannel(async (channel) => {
    const messages: GetMessage[] = [];
    for (;;) {
      const message = await channel.get(queue, { noAck: true });
      if (message === false) return messages;
      messages.push(message);
    }
  });
}

/** Waits until `count` messages have arrived in `queue` and takes them (acking them). */
export async function takeMessages(system: ActorSystem, queue: string, count = 1, timeout = 10_000): Promise<GetMessage[]> {
  const taken: GetMessage[] = [];
  await eventually(async () => {
    taken.push(...(await drainQueue(system, queue)));
    return taken.length >= count;
  }, timeout, `${count} message(s) in ${queue}`);
  return taken;
}

/**
 * Closes, from the broker's side, every connection of a system (as `rabbitmqctl
 * close_connection` would). The management API lists a new connection only after its
 * next statistics round (up to 5 s), so it asks until the connection shows.
 */
export async function closeConnectionsNamed(connectionName: string): Promise<number> {
  const ours = await eventually(async () => {
    const response = await managementFetch('/api/connections?columns=name,client_properties');
    const connections = (await response.json()) as Array<{ name: string; client_properties?: { connection_name?: string } }>;
    const found = connections.filter((c) => c.client_properties?.connection_name === connectionName);
    return found.length > 0 ? found : undefined;
  }, 15_000, `connection ${connectionName} in the management API`);
  await Promise.all(ours.map((c) => managementFetch(`/api/connections/${encodeURIComponent(c.name)}`, {
    method: 'DELETE',
    headers: { 'x-reason': 'test: broker closes the connection' },
  })));
  return ours.length;
}

/** Drops the Postgres schemas of a namespace (`<namespace>_<schema>`). */
export async function dropSchemas(namespace: string): Promise<void> {
  const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const prefix = schemaName(namespace, '');
    const schemas = await sql<{ name: string }[]>`select schema_name as name from information_schema.schemata where starts_with(schema_name, ${prefix})`;
    for (const { name } of schemas) await sql.unsafe(`drop schema "${name}" cascade`);
  } finally {
    await sql.end();
  }
}

/** A client on the test database, for checking what was stored. */
export function testDatabase(): postgres.Sql {
  return postgres(databaseUrl(), { max: 2, onnotice: () => {} });
}
