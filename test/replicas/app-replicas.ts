import amqp from 'amqplib';
import postgres from 'postgres';
import { issueToken } from '../../gateway/auth/jwt.ts';
import { AppProcess } from '../support/app-process.ts';
import { amqpUrl, databaseUrl, managementFetch } from '../support/environment.ts';
import { createTestNamespace } from '../support/namespace.ts';
import { eventually } from '../support/wait.ts';

const jwtSecret = 'replica-tests-jwt-secret-of-at-least-32-chars';
/** The key every replica signs and checks messages with (`MESSAGE_SIGNING_KEY`); the tests sign what they publish with it. */
export const signingKey = 'replica-tests-signing-key-of-at-least-32-chars';

/**
 * Replicas of the whole app (`main.ts`, as `SERVICES=… PORT=… npm start` runs it several
 * times) on a virtual host and a database of their own, so they share nothing with other
 * tests; both are deleted afterwards. The operations API is called as `admin`.
 */
export class AppReplicas {
  readonly name: string;
  readonly #apps: AppProcess[] = [];
  #connection: amqp.ChannelModel | undefined;

  constructor(label: string) {
    this.name = createTestNamespace(label);
  }

  get amqpUrl(): string {
    const url = new URL(amqpUrl());
    url.pathname = `/${encodeURIComponent(this.name)}`;
    return url.toString();
  }

  get databaseUrl(): string {
    const url = new URL(databaseUrl());
    url.pathname = `/${this.name.replaceAll('-', '_')}`;
    return url.toString();
  }

  async prepare(): Promise<void> {
    const vhost = encodeURIComponent(this.name);
    await managementFetch(`/api/vhosts/${vhost}`, { method: 'PUT' });
    await managementFetch(`/api/permissions/${vhost}/guest`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ configure: '.*', write: '.*', read: '.*' }),
    });
  }

  /** Starts a replica and waits until it is stable (its health 200). */
  async start(env: Record<string, string>): Promise<AppProcess> {
    const app = new AppProcess({
      AMQP_URL: this.amqpUrl, DATABASE_URL: this.databaseUrl, JWT_SECRET: jwtSecret, MESSAGE_SIGNING_KEY: signingKey, ...env, // LOG_LEVEL info: the port is read from the "listening" line
    });
    this.#apps.push(app);
    const port = await app.port();
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status === 200, 60_000, `the replica on ${port} to be stable`);
    return app;
  }

  /** A token of the common login for `username` with `roles` (default admin, the operations role). */
  token(username = 'admin', roles: readonly string[] = ['ADMIN']): Promise<string> {
    return issueToken({ username, roles }, jwtSecret);
  }

  /** An admin's request to one replica; the parsed JSON and the status. */
  async call(app: AppProcess, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const token = await this.token();
    const response = await fetch(`http://127.0.0.1:${await app.port()}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  /** A channel on the replicas' virtual host, for what the test does beside them (a passive declare, a raw publish). */
  async channel(): Promise<amqp.Channel> {
    this.#connection ??= await amqp.connect(this.amqpUrl);
    const channel = await this.#connection.createChannel();
    channel.on('error', () => {});
    return channel;
  }

  async queueCounts(queue: string): Promise<{ consumers: number; ready: number }> {
    const channel = await this.channel();
    try {
      const checked = await channel.checkQueue(queue);
      return { consumers: checked.consumerCount, ready: checked.messageCount };
    } finally {
      await channel.close().catch(() => {});
    }
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#apps.map((app) => app.stop().catch(() => app.kill())));
    await this.#connection?.close().catch(() => {});
    await managementFetch(`/api/vhosts/${encodeURIComponent(this.name)}`, { method: 'DELETE' });
    const admin = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${new URL(this.databaseUrl).pathname.slice(1)}" with (force)`).finally(() => admin.end());
  }
}
