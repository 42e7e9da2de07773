import { systemClock, type ActorSystem, type ActorSystemOptions } from '../../actors/mod.ts';
import { createLogger } from '../../actors/logging/logger.ts';
import { readAppConfig } from '../../app-config.ts';
import type { Gateway } from '../../gateway/app.ts';
import { minimumIterations } from '../../gateway/auth/index.ts';
import { createEdge, type EdgeOptions } from '../../gateway/edge.ts';
import { serve, type RunningServer } from '../../gateway/serve.ts';
import type { Landscape } from '../../services/landscape.ts';
import { TestSystems } from './actor-system.ts';
import { SseClient } from './sse-client.ts';

export interface TestEdgeOptions {
  /** `TIME_SCALE` for the actors' clock (default 1). */
  timeScale?: number;
  allowForcedErrors?: boolean;
  /** Further options of the actor system (a manual clock, …). */
  system?: Partial<Omit<ActorSystemOptions, 'actors' | 'amqpUrl' | 'namespace' | 'database'>>;
  /** Run only these actors (default: every actor of the landscapes); e.g. to start a service later. */
  actors?: ActorSystemOptions['actors'];
  /** The broker the actor system connects to (default the test broker); e.g. through a `TcpProxy`. */
  amqpUrl?: string;
  /** Login, hashing and stream bounds (default: the environment's, with 64 streams per user). */
  limits?: EdgeOptions['limits'];
  /** PBKDF2 cost of the edge's hashes (default the least allowed, for speed). */
  passwordIterations?: number;
}

export interface StreamOptions {
  /** Log in as this user (password `asdf`); default `admin`, who reads every stream. */
  as?: string;
  /** A bearer token instead; `null` sends none (an anonymous listener). */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface CallOptions {
  body?: unknown;
  /** A bearer token, or a username to log in as (password `asdf`). */
  token?: string;
  as?: string;
  sessionId?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Landscapes as `npm start` runs them — their actors with Postgres state in this file's
 * namespace, the whole edge (login, guards, admin, streams) on a real port — for tests
 * that talk REST and SSE to them like a browser.
 */
export class TestEdge {
  readonly systems: TestSystems;
  readonly clients: SseClient[] = [];
  system!: ActorSystem;
  gateway!: Gateway;
  server!: RunningServer;
  readonly #tokens = new Map<string, string>();

  private constructor(label: string) {
    this.systems = new TestSystems(label);
  }

  static async start(label: string, landscapes: readonly Landscape[], options: TestEdgeOptions = {}): Promise<TestEdge> {
    const edge = new TestEdge(label);
    const config = readAppConfig({
      JWT_SECRET: 'test-edge-jwt-secret',
      TIME_SCALE: String(options.timeScale ?? 1),
      ALLOW_FORCED_ERRORS: options.allowForcedErrors ? 'true' : undefined,
      PORT: '0',
    });
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
    edge.gateway = await createEdge({
      system: () => edge.system,
      config,
      logger,
      landscapes: landscapes.map((landscape) => landscape.edge),
      users: landscapes.flatMap((landscape) => landscape.users ?? []),
      securityModels: landscapes.flatMap((landscape) => landscape.securityModel ?? []),
      passwordIterations: options.passwordIterations ?? minimumIterations,
      limits: { ...options.limits, streams: { perUser: 64, ...options.limits?.streams } },
    });
    edge.server = await serve(edge.gateway.app, 0);
    edge.system = await edge.systems.start({
      actors: options.actors ?? landscapes.flatMap((landscape) => landscape.actors),
      database: true,
      ...(options.amqpUrl ? { amqpUrl: options.amqpUrl } : {}),
      clock: systemClock(config.timeScale),
      allowForcedErrors: config.allowForcedErrors,
      logger,
      ...options.system,
    });
    await edge.gateway.start();
    return edge;
  }

  get namespace(): string {
    return this.systems.namespace;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.server.port}${path}`;
  }

  /** Logs in through `POST /api/auth/login` (cached per user); password `asdf` unless given. */
  async login(username: string, password = 'asdf'): Promise<string> {
    const cached = this.#tokens.get(username);
    if (cached) return cached;
    const { status, body } = await this.call('POST', '/api/auth/login', { body: { username, password } });
    if (status !== 200) throw new Error(`login of ${username} answered ${status}: ${JSON.stringify(body)}`);
    this.#tokens.set(username, body.token);
    return body.token as string;
  }

  /** One request as a browser would make it; the body parsed when it is JSON. */
  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const token = options.token ?? (options.as ? await this.login(options.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.sessionId) headers['x-session-id'] = options.sessionId;
    const response = await fetch(this.url(path), {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const body = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: response.status, body: body as T, headers: response.headers };
  }

  /** As `call`, throwing unless the answer has `status`; answers the body. */
  async expect<T = any>(status: number, method: string, path: string, options: CallOptions = {}): Promise<T> {
    const result = await this.call<T>(method, path, options);
    if (result.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  /**
   * Opens `GET /api/<landscape>/stream<query>` as a logged-in user (streams need one;
   * `admin` unless `as` or `token` say otherwise); closed at cleanup.
   */
  async stream(landscape: string, query = '', options: StreamOptions = {}): Promise<SseClient> {
    const headers = { ...options.headers };
    const token = options.token === undefined ? await this.login(options.as ?? 'admin') : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const client = await SseClient.open(this.url(`/api/${landscape}/stream${query}`), headers);
    this.clients.push(client);
    return client;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
    await this.gateway?.close();
    await this.server?.close();
    await this.systems.cleanup();
  }
}
