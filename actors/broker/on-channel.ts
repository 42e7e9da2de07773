import type { Channel, ChannelModel } from 'amqplib';

/** `work` on a short-lived channel of its own: a broker error (a refused declaration) closes only that channel. */
export async function onChannel<T>(model: ChannelModel, work: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = await model.createChannel();
  channel.on('error', () => {}); // surfaced as the rejection of `work`
  try {
    return await work(channel);
  } finally {
    await channel.close().catch(() => {});
  }
}
