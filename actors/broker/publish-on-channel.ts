import type { Buffer } from 'node:buffer';
import type { ConfirmChannel, Options } from 'amqplib';
import type { PublishFields } from './publish-frames.ts';

/** The parts of amqplib's confirm channel (not in its types) that `ConfirmChannel.publish` calls. */
interface ChannelInternals {
  sendMessage?(fields: PublishFields, properties: PublishFields, content: Buffer): boolean;
  pushConfirmCallback?(callback: (error: unknown) => void): void;
}

/**
 * `channel.publish(exchange, routingKey, content, properties, confirmed)`, the same frames
 * and the same confirm bookkeeping, without amqplib's argument object: `Args.publish`
 * copies the options into a twenty-field object and wraps the headers in
 * `Object.create(headers)`, which turns every message's headers object into a prototype
 * (a slow path in V8, for amqplib and for the frame encoder that walks them). Here the
 * method fields and properties are one plain object over the caller's own headers. CC and
 * BCC (array headers amqplib builds) and a channel without these internals take amqplib's way.
 * Throws as `channel.publish` does when the channel is closed (amqplib swaps `sendMessage`
 * for a function that throws).
 */
export function publishOnChannel(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  properties: Options.Publish,
  confirmed: (error: unknown) => void,
): boolean {
  const internals = channel as unknown as ChannelInternals;
  if (typeof internals.sendMessage !== 'function' || typeof internals.pushConfirmCallback !== 'function'
    || properties.CC !== undefined || properties.BCC !== undefined) {
    return channel.publish(exchange, routingKey, content, properties, confirmed);
  }
  const fields = publishFields(exchange, routingKey, properties);
  const written = internals.sendMessage(fields, fields, content);
  internals.pushConfirmCallback(confirmed);
  return written;
}

/** What `Args.publish` makes of the options, field for field, but the headers' prototype wrap. */
function publishFields(exchange: string, routingKey: string, options: Options.Publish): PublishFields & { ticket: undefined } {
  const { persistent, deliveryMode, expiration } = options;
  return {
    exchange,
    routingKey,
    mandatory: !!options.mandatory,
    immediate: false,
    ticket: undefined,
    contentType: options.contentType,
    contentEncoding: options.contentEncoding,
    headers: options.headers ?? {},
    deliveryMode: persistent !== undefined ? (persistent ? 2 : 1) : typeof deliveryMode === 'number' ? deliveryMode : deliveryMode ? 2 : undefined,
    priority: options.priority,
    correlationId: options.correlationId,
    replyTo: options.replyTo,
    expiration: expiration === undefined ? undefined : String(expiration),
    messageId: options.messageId,
    timestamp: options.timestamp,
    type: options.type,
    userId: options.userId,
    appId: options.appId,
    clusterId: undefined,
  };
}
