import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import { asQueueArguments, mailboxSettings } from '../../actors/topology/mailbox-policy.ts';
import { systemClock } from '../../actors/clock/clock.ts';
import type { BenchPath, BenchSettings } from './bench-path.ts';
import { publishConfirmed } from './confirmed-publish.ts';
import { rawBody } from './message-body.ts';
import { Countdown, pipelined, within } from './pipeline.ts';

/**
 * The baseline: plain amqplib on one connection. A confirm channel publishes persistent
 * messages (confirms pipelined), a second channel consumes with manual acks, into a quorum
 * queue declared with the same arguments as a runtime mailbox. The plain way throughout:
 * default exchange, no headers beyond the basics, not mandatory, one ack per message.
 */
export function rawAmqplibPath(settings: BenchSettings): BenchPath {
  const queue = `${settings.namespace}.raw`;
  const acked = new Countdown();
  let connection: ChannelModel | undefined;
  let publisher: ConfirmChannel | undefined;

  const publish = (seq: number) => {
    const { id, content } = rawBody(seq);
    return publishConfirmed(publisher!, '', queue, content, id);
  };

  return {
    name: 'raw',
    async open() {
      connection = await amqp.connect(settings.amqpUrl, { clientProperties: { connection_name: `${settings.namespace}.raw` } });
      // Unheard, a connection error would crash the process; the round it breaks times out instead.
      connection.on('error', (error: Error) => console.error(`raw connection: ${error.message}`));
      publisher = await connection.createConfirmChannel();
      await publisher.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum', ...asQueueArguments(mailboxSettings(`${queue}.parked`, {}, systemClock())) } });
      const consumer = await connection.createChannel();
      await consumer.prefetch(settings.prefetch);
      await consumer.consume(queue, (message) => {
        if (message === null) return;
        JSON.parse(message.content.toString('utf8')); // a real consumer reads what it got
        consumer.ack(message);
        acked.hit();
      });
    },
    async run(count) {
      acked.reset(count);
      const started = performance.now();
      await within(Promise.all([pipelined(count, settings.window, publish), acked.reached]), settings.roundTimeout, 'raw round');
      return performance.now() - started;
    },
    async close() {
      await connection?.close().catch(() => {});
    },
  };
}
