/**
 * Where the tests find RabbitMQ and Postgres. Local services (the spec's defaults, or the
 * env variables) come first; testcontainers is only a fallback for a machine that has a
 * Docker engine but no local broker or database, so it is imported lazily and never loaded
 * on a machine whose services are up.
 */
import { connect } from 'node:net';

const DEFAULT_AMQP_URL = 'amqp://guest:guest@localhost:5672';
const DEFAULT_DATABASE_URL = 'postgres://postgres@localhost:5432/milkfactory';
const DEFAULT_MANAGEMENT_URL = 'http://guest:guest@127.0.0.1:15672';

export function amqpUrl(): string {
  return process.env.AMQP_URL ?? DEFAULT_AMQP_URL;
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

export function managementUrl(): string {
  return process.env.RABBITMQ_MANAGEMENT_URL ?? DEFAULT_MANAGEMENT_URL;
}

/**
 * Calls the RabbitMQ management HTTP API. fetch refuses URLs that carry credentials, so
 * they move from the URL into a basic-auth header.
 */
export function managementFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(managementUrl());
  const auth = btoa(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`);
  url.username = '';
  url.password = '';
  const headers = new Headers(init.headers);
  headers.set('authorization', `Basic ${auth}`);
  return fetch(new URL(path, url), { ...init, headers, signal: init.signal ?? AbortSignal.timeout(10_000) });
}

/** True when something accepts TCP connections at the URL's host and port. */
export function isListening(urlText: string, defaultPort: number, timeoutMs = 2_000): Promise<boolean> {
  const url = new URL(urlText);
  const port = Number(url.port || defaultPort);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

type Stop = () => Promise<void>;

/** What global setup must undo, and why no container could stand in when none did. */
export interface Fallback {
  stop: Stop;
  unavailable?: string;
}

const nothing: Stop = async () => {};

/**
 * Starts a container for each service that is not reachable locally, when a Docker engine
 * answers, and points the env variables at it so test workers (forked after global setup)
 * inherit them.
 */
export async function startMissingServices(): Promise<Fallback> {
  const needRabbit = !(await isListening(amqpUrl(), 5672));
  const needPostgres = !(await isListening(databaseUrl(), 5432));
  if (!needRabbit && !needPostgres) return { stop: nothing };

  let tc: typeof import('testcontainers');
  try {
    tc = await import('testcontainers');
  } catch (error) {
    // testcontainers 12 needs Node >= 22.22; on Node 20 it fails while loading.
    return { stop: nothing, unavailable: `testcontainers could not load on Node ${process.version}: ${(error as Error).message}` };
  }
  try {
    await tc.getContainerRuntimeClient();
  } catch {
    return { stop: nothing, unavailable: 'no Docker engine answers, so testcontainers cannot stand in' };
  }
  const stops: Stop[] = [];
  if (needRabbit) {
    const rabbit = await new tc.GenericContainer('rabbitmq:3.13-management')
      .withCopyContentToContainer([
        {
          content: '[rabbitmq_management,rabbitmq_consistent_hash_exchange].',
          target: '/etc/rabbitmq/enabled_plugins',
        },
      ])
      .withExposedPorts(5672, 15672)
      .withWaitStrategy(tc.Wait.forLogMessage('Server startup complete'))
      .start();
    const host = rabbit.getHost();
    process.env.AMQP_URL = `amqp://guest:guest@${host}:${rabbit.getMappedPort(5672)}`;
    process.env.RABBITMQ_MANAGEMENT_URL = `http://guest:guest@${host}:${rabbit.getMappedPort(15672)}`;
    stops.push(async () => void (await rabbit.stop()));
  }
  if (needPostgres) {
    const postgres = await new tc.GenericContainer('postgres:15')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'milkfactory' })
      .withExposedPorts(5432)
      // The image restarts the server once after init; the second 'ready' line is the real one.
      .withWaitStrategy(tc.Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    process.env.DATABASE_URL = `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/milkfactory`;
    stops.push(async () => void (await postgres.stop()));
  }
  return {
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
