import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp, { type ChannelModel } from 'amqplib';
import postgres from 'postgres';
import { publishConfirmed } from '../../confirmed-publish.ts';
import { floorPage } from './floor-page.ts';

/**
 * The bare chain of what a click on the bank's client costs, with no runtime: raw
 * `node:http`, raw postgres.js and raw amqplib, on the same RabbitMQ and Postgres as the
 * bank. `POST /click?id=` commits one row (one INSERT, its own commit) and answers 202; then
 * the command is published with a confirm into a quorum queue (as a mailbox is); its
 * consumer commits one row, publishes the event with a confirm to a topic exchange bound
 * to a classic, non-durable, exclusive queue (as the gateway's is), then acks; that queue's
 * consumer writes the event to every open `GET /stream` (SSE). `GET /` serves a page with
 * the same chain's click for a browser.
 */
export interface FloorChain {
  readonly url: string;
  close(): Promise<void>;
}

export async function startFloorChain(options: { amqpUrl: string; databaseUrl: string; namespace: string }): Promise<FloorChain> {
  const prefix = `${options.namespace}.floor`;
  const schema = `${options.namespace.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase()}_floor`;
  const commands = `${prefix}.commands`;
  const events = `${prefix}.events`;
  const sql = postgres(options.databaseUrl, { max: 4, onnotice: () => {} });
  await sql.unsafe(`create schema if not exists "${schema}";
    create table if not exists "${schema}".requests (id text primary key, at timestamptz not null default now());
    create table if not exists "${schema}".handled (id text primary key, at timestamptz not null default now());`);
  const connection: ChannelModel = await amqp.connect(options.amqpUrl, { clientProperties: { connection_name: prefix } });
  connection.on('error', (error: Error) => console.error(`floor connection: ${error.message}`));
  const publisher = await connection.createConfirmChannel();
  await publisher.assertQueue(commands, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await publisher.assertExchange(events, 'topic', { durable: true });
  const edge = await publisher.assertQueue('', { exclusive: true, autoDelete: true, durable: false, arguments: { 'x-queue-type': 'classic' } });
  await publisher.bindQueue(edge.queue, events, '#');

  const publish = (exchange: string, key: string, id: string) => publishConfirmed(publisher, exchange, key, Buffer.from(JSON.stringify({ id })), id);

  const handler = await connection.createChannel();
  await handler.prefetch(50);
  await handler.consume(commands, (message) => {
    if (!message) return;
    const { id } = JSON.parse(message.content.toString('utf8')) as { id: string };
    void (async () => {
      await sql.unsafe(`insert into "${schema}".handled (id) values ($1)`, [id]);
      await publish(events, 'Clicked', id);
      handler.ack(message);
    })().catch((error: unknown) => console.error(`floor handler: ${String(error)}`));
  });

  const streams = new Set<ServerResponse>();
  const gateway = await connection.createChannel();
  await gateway.consume(edge.queue, (message) => {
    if (!message) return;
    const { id } = JSON.parse(message.content.toString('utf8')) as { id: string };
    for (const stream of streams) stream.write(`data: ${JSON.stringify({ id })}\n\n`);
  }, { noAck: true });

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://floor');
    if (request.method === 'GET' && url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(floorPage);
    } else if (request.method === 'GET' && url.pathname === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': open\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
    } else if (request.method === 'POST' && url.pathname === '/click') {
      const id = url.searchParams.get('id') ?? crypto.randomUUID();
      request.resume();
      void (async () => {
        await sql.unsafe(`insert into "${schema}".requests (id) values ($1)`, [id]);
        response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        await publish('', commands, id);
      })().catch((error: unknown) => {
        console.error(`floor click: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    } else if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end(); // asked for by the page, not a page error
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await publisher.deleteQueue(commands).catch(() => {});
      await publisher.deleteExchange(events).catch(() => {});
      await connection.close().catch(() => {});
      await sql.unsafe(`drop schema if exists "${schema}" cascade`).catch(() => {});
      await sql.end({ timeout: 5 });
    },
  };
}
