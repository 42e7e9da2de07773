import type { Buffer } from 'node:buffer';
import type { ConfirmChannel } from 'amqplib';

/** The plain way to publish one persistent JSON message on a confirm channel: resolves once the broker confirmed it. */
export function publishConfirmed(channel: ConfirmChannel, exchange: string, routingKey: string, content: Buffer, messageId: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    channel.publish(exchange, routingKey, content, { persistent: true, messageId, contentType: 'application/json' },
      (error: unknown) => (error ? reject(error) : resolve()));
  });
}
