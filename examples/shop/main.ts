import process from 'node:process';
import { serve } from '@hono/node-server';
import { startShop } from './app.ts';

// `node --import tsx examples/shop/main.ts`: the shop on RabbitMQ and Postgres, REST on :3100.
const { app } = await startShop({
  amqpUrl: process.env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672',
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/shop',
});
serve({ fetch: app.fetch, port: Number(process.env.SHOP_PORT ?? 3100) });
