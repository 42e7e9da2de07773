import type { Buffer } from 'node:buffer';
import { encodePublishFrames, type PublishFields } from './publish-frames.ts';

/** amqplib's `basic.publish` method id (class 60, method 40), as its `defs.BasicPublish`. */
const basicPublish = (60 << 16) | 40;

/** The part of amqplib's connection (not in its types) that sends a message's frames. */
interface FrameConnection {
  frameMax: number;
  sentSinceLastCheck: boolean;
  channels: Array<{ buffer: { write(frames: Buffer): boolean } } | undefined>;
  sendMessage(channel: number, method: number, fields: PublishFields, propertiesClass: number, properties: PublishFields, content: Buffer): boolean;
}

const installed = new WeakSet<object>();

/**
 * Lets the connection encode each publish with `encodePublishFrames` (one buffer, the same
 * bytes) and write it where amqplib would (the channel's frame stream, so the frame order
 * of channels and the "channel closed" checks stay amqplib's). Any publish the encoder
 * declines, and every other message, goes through amqplib's own encoder. Idempotent.
 */
export function encodePublishesFaster(connection: object): void {
  if (installed.has(connection)) return;
  installed.add(connection);
  const frames = connection as FrameConnection;
  const original = frames.sendMessage;
  frames.sendMessage = function sendMessage(channel, method, fields, propertiesClass, properties, content) {
    const target = method === basicPublish && fields === properties ? this.channels[channel] : undefined;
    const encoded = target ? encodePublishFrames(channel, this.frameMax, fields, content) : undefined;
    if (!target || !encoded) return original.call(this, channel, method, fields, propertiesClass, properties, content);
    this.sentSinceLastCheck = true;
    return target.buffer.write(encoded);
  };
}
