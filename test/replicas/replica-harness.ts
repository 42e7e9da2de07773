import { AppProcess } from '../support/app-process.ts';
import { TestSystems, testDatabase } from '../support/actor-system.ts';
import { schemaName } from '../../actors/mod.ts';

/**
 * The processes of one replica test: each a replica (test/fixtures/replica-process.ts, one
 * actor system per OS process) in the file's namespace; the test process itself keeps one
 * system without the replicas' actors, to send and to watch. Everything is killed and
 * deleted after the file.
 */
export class Replicas {
  readonly systems: TestSystems;
  readonly sql = testDatabase();
  readonly #processes: AppProcess[] = [];

  constructor(label: string) {
    this.systems = new TestSystems(label);
  }

  get namespace(): string {
    return this.systems.namespace;
  }

  /** Spawns a replica running `actors`; resolves once its system is stable. */
  async start(replica: string, actors: readonly string[], env: Record<string, string> = {}): Promise<AppProcess> {
    const child = this.spawn(replica, actors, env);
    await child.waitFor((l) => l.ready === replica, `replica ${replica} to start`);
    return child;
  }

  /** Spawns without waiting (several starting at once). */
  spawn(replica: string, actors: readonly string[], env: Record<string, string> = {}): AppProcess {
    const child = new AppProcess({ TEST_NAMESPACE: this.namespace, REPLICA: replica, REPLICA_ACTORS: actors.join(','), LOG_LEVEL: 'warn', ...env }, 'test/fixtures/replica-process.ts');
    this.#processes.push(child);
    return child;
  }

  /** A quoted table name in a schema of this namespace. */
  table(schema: string, table: string): string {
    return `"${schemaName(this.namespace, schema)}".${table}`;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#processes.map((p) => p.kill().catch(() => {})));
    await this.systems.cleanup();
    await this.sql.end();
  }
}
