import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess, stackFrame } from '../support/app-process.ts';
import { amqpUrl, databaseUrl, managementUrl } from '../support/environment.ts';
import { OwnRabbit, freePorts } from '../support/own-rabbit.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { eventually } from '../support/wait.ts';

// `npm start` as a person runs it, against brokers that are not ready for it: each problem
// ends in one log line with its code, what is wrong and the command that fixes it.
const database = `mf_startup_${Math.random().toString(36).slice(2, 8)}`;
const databaseUrlOf = (port?: number) => {
  const url = new URL(databaseUrl());
  url.pathname = `/${database}`;
  if (port) { url.hostname = '127.0.0.1'; url.port = String(port); }
  return url.toString();
};
let rabbit: OwnRabbit;
const apps: AppProcess[] = [];
const app = (env: Record<string, string>) => {
  const started = new AppProcess({ DATABASE_URL: databaseUrlOf(), ...env });
  apps.push(started);
  return started;
};

beforeAll(async () => {
  // A broker with the management plugin only, as a stock install after `rabbitmq-plugins enable rabbitmq_management`.
  rabbit = await OwnRabbit.create(['rabbitmq_management']);
  await rabbit.start();
}, 90_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop().catch(() => {})));
  await rabbit?.destroy();
  const admin = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${database}" with (force)`).finally(() => admin.end());
}, 60_000);

describe('npm start against a broker or database that is not ready', () => {
  it('waits for a broker that is down, says so in the health endpoint, and starts when it comes', async () => {
    const port = (await freePorts(1))[0]!;
    const started = app({ AMQP_URL: `amqp://guest:guest@127.0.0.1:${port}`, RABBITMQ_MANAGEMENT_URL: rabbit.managementUrl, SERVICES: 'vouchers' });
    await eventually(() => started.line('START-001'), 30_000, 'the START-001 line');
    const waiting = await started.health();
    expect(waiting.status).toBe(503);
    expect(waiting.body.waitingFor).toEqual([expect.objectContaining({ code: 'START-001', for: 'rabbitmq' })]);

    // The broker comes: something listens at that address from now on.
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: rabbit.amqpPort }, port);
    try {
      await eventually(async () => (await started.health()).status === 200, 60_000, 'the app to become stable');
      expect((await started.health()).body).not.toHaveProperty('waitingFor');
      expect(await started.stop()).toBe(0); // SIGTERM reaches the app: a graceful stop
      expect(started.output).not.toMatch(stackFrame);
    } finally {
      await proxy.close();
    }
  });

  it('waits for Postgres that is down, and starts when it comes', async () => {
    const port = (await freePorts(1))[0]!;
    const started = app({ AMQP_URL: rabbit.amqpUrl, RABBITMQ_MANAGEMENT_URL: rabbit.managementUrl, SERVICES: 'vouchers', DATABASE_URL: databaseUrlOf(port) });
    await eventually(() => started.line('START-008'), 30_000, 'the START-008 line');
    expect((await started.health()).body.waitingFor).toEqual([expect.objectContaining({ code: 'START-008', for: 'postgres' })]);
    const target = new URL(databaseUrl());
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) }, port);
    try {
      await eventually(async () => (await started.health()).status === 200, 60_000, 'the app to become stable');
      expect(await started.stop()).toBe(0);
      expect(started.output).not.toMatch(stackFrame);
    } finally {
      await proxy.close();
    }
  });

  it('stops with START-006 and the command to run when the consistent-hash exchange plugin is missing', async () => {
    const started = app({ AMQP_URL: rabbit.amqpUrl, RABBITMQ_MANAGEMENT_URL: rabbit.managementUrl, SERVICES: 'open-bank' });
    expect(await started.exited()).toBe(1);
    const line = started.line('START-006');
    expect(line?.msg).toMatch(/x-consistent-hash.*Fix: .*rabbitmq-plugins enable rabbitmq_management rabbitmq_consistent_hash_exchange/);
    expect(line?.level).toBe(60);
    expect(started.output).not.toMatch(stackFrame);
    expect(started.output).not.toMatch(/Unhandled|Channel ended/);
  });

  it('stops with START-002 when RabbitMQ refuses the password', async () => {
    const url = new URL(amqpUrl());
    url.password = 'not-the-password';
    const started = app({ AMQP_URL: url.toString(), RABBITMQ_MANAGEMENT_URL: managementUrl(), SERVICES: 'vouchers' });
    expect(await started.exited()).toBe(1);
    expect(started.line('START-002')?.msg).toMatch(/refused the login of user "guest".*Fix: set AMQP_URL/);
    expect(started.output).not.toMatch(stackFrame);
  });

  it('stops with START-004 when the management plugin is not enabled', async () => {
    const stock = await OwnRabbit.create([]); // a broker as installed: no plugin at all
    try {
      await stock.start();
      const started = app({ AMQP_URL: stock.amqpUrl, RABBITMQ_MANAGEMENT_URL: stock.managementUrl, SERVICES: 'vouchers' });
      expect(await started.exited()).toBe(1);
      expect(started.line('START-004')?.msg).toMatch(/management API does not answer.*Fix: .*rabbitmq-plugins enable rabbitmq_management/);
      expect(started.output).not.toMatch(stackFrame);
    } finally {
      await stock.destroy();
    }
  }, 120_000);

  it('stops with START-004 when the management API is another broker\'s (its policies would govern nothing here)', async () => {
    const started = app({ AMQP_URL: rabbit.amqpUrl, RABBITMQ_MANAGEMENT_URL: managementUrl(), SERVICES: 'vouchers' });
    expect(await started.exited()).toBe(1);
    expect(started.line('START-004')?.msg).toMatch(/belongs to cluster .*Fix: set RABBITMQ_MANAGEMENT_URL/);
  });

  it('stops with START-011 on a configuration value it cannot use', async () => {
    const started = app({ TIME_SCALE: 'fast' });
    expect(await started.exited()).toBe(1);
    expect(started.line('START-011')?.msg).toMatch(/TIME_SCALE must be a positive number/);
    expect(started.output).not.toMatch(stackFrame);
  });
});

