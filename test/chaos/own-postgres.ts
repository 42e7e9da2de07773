import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { eventually } from '../support/wait.ts';

const run = promisify(execFile);

/**
 * A Postgres cluster of the chaos run's own (Debian's `pg_createcluster 15 chaos -p 5433`),
 * so that restarting it never touches the shared one on 5432 that other tests use.
 */
export class OwnPostgres {
  constructor(readonly version = '15', readonly name = 'chaos', readonly port = 5433) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  databaseUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates the cluster (trust on localhost, as the shared one) unless it exists, and starts it. */
  async start(): Promise<void> {
    const { stdout } = await run('pg_lsclusters', ['--no-header']);
    const exists = stdout.split('\n').some((line) => { const [version, name] = line.trim().split(/\s+/); return version === this.version && name === this.name; });
    if (!exists) {
      await run('pg_createcluster', [this.version, this.name, '-p', String(this.port), '--', '--auth-local=trust', '--auth-host=trust']);
    }
    if (!(await this.online())) await run('pg_ctlcluster', [this.version, this.name, 'start']);
    await eventually(() => this.accepts(), 60_000, `Postgres ${this.version}/${this.name} on ${this.port}`);
  }

  async online(): Promise<boolean> {
    const { stdout } = await run('pg_lsclusters', ['--no-header']);
    return stdout.split('\n').some((line) => { const cols = line.trim().split(/\s+/); return cols[0] === this.version && cols[1] === this.name && cols[3] === 'online'; });
  }

  /** `pg_ctlcluster … restart` (fast shutdown: every connection is cut, open transactions roll back). */
  async restart(): Promise<void> {
    await run('pg_ctlcluster', [this.version, this.name, 'restart', '-m', 'fast']);
  }

  async accepts(): Promise<boolean> {
    const sql = postgres(this.url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 1 });
    }
  }

  async createDatabase(database: string): Promise<void> {
    const sql = postgres(this.url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`create database "${database}"`);
    } finally {
      await sql.end();
    }
  }

  async dropDatabase(database: string): Promise<void> {
    const sql = postgres(this.url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists "${database}" with (force)`);
    } finally {
      await sql.end();
    }
  }
}
