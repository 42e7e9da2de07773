import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './wait.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `main.ts` in a process of its own, as `npm start` runs it (node with tsx, no npx
 * between): its JSON log lines, its exit code, its HTTP port once it listens. Another
 * script of the repository (`script`, e.g. test/fixtures/replica-process.ts) runs the same way.
 */
export class AppProcess {
  readonly lines: Array<Record<string, unknown>> = [];
  /** Everything it wrote, as written: what a person would see (a stack trace would show here). */
  output = '';
  exitCode: number | null = null;
  readonly #child: ChildProcess;
  readonly #exited: Promise<number>;

  constructor(env: Record<string, string>, script = 'main.ts') {
    this.#child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.#child.stdout!.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) {
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.lines.push({ raw: line });
        }
      }
    });
    this.#child.stderr!.on('data', (chunk: Buffer) => { this.output += chunk.toString(); });
    this.#exited = new Promise((resolve) => this.#child.once('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? 128 : -1);
      resolve(this.exitCode);
    }));
  }

  exited(timeout = 60_000): Promise<number> {
    return Promise.race([this.#exited, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`still running after ${timeout} ms:\n${this.output.slice(-2_000)}`)), timeout))]);
  }

  /** The first log line with this code. */
  line(code: string): Record<string, unknown> | undefined {
    return this.lines.find((l) => l.code === code);
  }

  async port(): Promise<number> {
    const line = await eventually(() => this.lines.find((l) => typeof l.port === 'number'), 60_000, `the app to listen:\n${this.output.slice(-2_000)}`);
    return line.port as number;
  }

  async health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${await this.port()}/api/health`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The first line `found` picks, once it is written. */
  waitFor(found: (line: Record<string, unknown>) => boolean, what: string, timeout = 60_000): Promise<Record<string, unknown>> {
    return eventually(() => this.lines.find(found), timeout, `${what}:\n${this.output.slice(-2_000)}`);
  }

  /** SIGKILL: the process dies wherever it is (mid-handler, mid-transaction), as a crash would; resolves with its exit code. */
  async kill(): Promise<number> {
    if (this.exitCode === null) this.#child.kill('SIGKILL');
    return this.exited(30_000);
  }

  /** SIGTERM, as a container runtime stops it; resolves with the exit code. */
  async stop(): Promise<number> {
    if (this.exitCode === null) this.#child.kill('SIGTERM');
    return this.exited(30_000);
  }
}

/** A stack trace's frames, as Node prints them; a start-up problem must never show one. */
export const stackFrame = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
