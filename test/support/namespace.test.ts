import { connect, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amqpUrl } from './environment.ts';
import { createTestNamespace, deleteNamespace } from './namespace.ts';

describe('createTestNamespace', () => {
  it('makes a short lowercase name with the label and six random characters', () => {
    expect(createTestNamespace('retry')).toMatch(/^t-retry-[a-z0-9]{6}$/);
  });

  it('cleans a label down to [a-z0-9-]', () => {
    expect(createTestNamespace('Dead Letter_Office!')).toMatch(/^t-dead-letter-office-[a-z0-9]{6}$/);
  });

  it('works without a label', () => {
    expect(createTestNamespace()).toMatch(/^t-[a-z0-9]{6}$/);
  });

  it('gives a different namespace each time', () => {
    const names = new Set(Array.from({ length: 50 }, () => createTestNamespace('x')));
    expect(names.size).toBe(50);
  });
});

describe('deleteNamespace', () => {
  let connection: ChannelModel;

  beforeAll(async () => {
    connection = await connect(amqpUrl());
  });

  afterAll(async () => {
    await connection.close();
  });

  it('removes the queues and exchanges under the namespace and leaves others alone', async () => {
    const namespace = createTestNamespace('cleanup');
    const neighbour = createTestNamespace('cleanup');
    const channel = await connection.createChannel();
    await channel.assertExchange(`${namespace}.vouchers.events`, 'topic');
    await channel.assertQueue(`${namespace}.vouchers.orders`);
    await channel.assertQueue(`${namespace}.actors.delay.3`, { arguments: { 'x-message-ttl': 8 } });
    await channel.assertQueue(`${neighbour}.vouchers.orders`);

    await deleteNamespace(namespace);

    // check* on a missing queue closes the channel, so each probe gets its own.
    const exists = async (check: (ch: typeof channel) => Promise<unknown>) => {
      const probe = await connection.createChannel();
      probe.on('error', () => {});
      try {
        await check(probe);
        await probe.close();
        return true;
      } catch {
        return false;
      }
    };
    expect(await exists((ch) => ch.checkQueue(`${namespace}.vouchers.orders`))).toBe(false);
    expect(await exists((ch) => ch.checkQueue(`${namespace}.actors.delay.3`))).toBe(false);
    expect(await exists((ch) => ch.checkExchange(`${namespace}.vouchers.events`))).toBe(false);
    expect(await exists((ch) => ch.checkQueue(`${neighbour}.vouchers.orders`))).toBe(true);

    await deleteNamespace(neighbour);
    await channel.close();
  });

  it('is a no-op for a namespace with nothing in it', async () => {
    await expect(deleteNamespace(createTestNamespace('empty'))).resolves.toBeUndefined();
  });
});
