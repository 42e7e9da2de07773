/**
 * The one door to amqplib's private internals (package.json pins amqplib exactly for them).
 * Three fast paths, measured in `npm run bench:runtime`:
 *
 * - `broker/coalesced-writes.ts` wraps the connection's socket (`connection.stream`) so a
 *   turn's frames leave in one `writev`;
 * - `broker/publish-encoding.ts` replaces `connection.sendMessage` for publishes with one
 *   buffer per publish (`broker/publish-frames.ts`, byte for byte amqplib's frames);
 * - `broker/publish-on-channel.ts` calls the confirm channel's private `sendMessage` and
 *   `pushConfirmCallback` instead of `channel.publish`.
 *
 * Each connection and each publish channel is checked against the shapes these rely on
 * before anything is patched; one that differs (a new amqplib) gets amqplib's public API and
 * one warning `FAST-001` per process. `fastPaths: false` gives every connection the public
 * API — also the way in for `@opentelemetry/instrumentation-amqplib`, which wraps
 * `Channel.prototype.publish` and sees nothing the fast publish path sends.
 */
import type { Buffer } from 'node:buffer';
import type { ConfirmChannel, Options } from 'amqplib';
import type { Logger } from '../logging/logger.ts';
import { coalesceWrites, type Corkable } from '../broker/coalesced-writes.ts';
import { encodePublishesFaster } from '../broker/publish-encoding.ts';
import { publishOnChannel } from '../broker/publish-on-channel.ts';

export const amqplibFallbackCode = 'FAST-001';

/** How the publisher hands one publish to a confirm channel (`channel.publish`'s arguments). */
export type ChannelPublish = (
  channel: ConfirmChannel, exchange: string, routingKey: string, content: Buffer,
  properties: Options.Publish, confirmed: (error: unknown) => void,
) => boolean;

/** amqplib's public way: what every publish takes with the fast paths off. */
export const publicPublish: ChannelPublish = (channel, exchange, routingKey, content, properties, confirmed) =>
  channel.publish(exchange, routingKey, content, properties, confirmed);

/** What the connection patches rely on, as found on `connection` (a `ChannelModel`'s `.connection`); empty when all is there. */
export function connectionShapeProblems(connection: unknown): string[] {
  const c = connection as Record<string, any> | undefined;
  const problems: string[] = [];
  if (!c || typeof c !== 'object') return ['connection is not an object'];
  const stream = c.stream as Record<string, unknown> | undefined;
  for (const method of ['cork', 'uncork', 'write'] as const) {
    if (typeof stream?.[method] !== 'function') problems.push(`connection.stream.${method} is not a function`);
  }
  if (typeof c.sendMessage !== 'function') problems.push('connection.sendMessage is not a function');
  else if (c.sendMessage.length !== 6) problems.push(`connection.sendMessage takes ${c.sendMessage.length} arguments, not 6`);
  if (typeof c.frameMax !== 'number') problems.push('connection.frameMax is not a number');
  if (typeof c.sentSinceLastCheck !== 'boolean') problems.push('connection.sentSinceLastCheck is not a boolean');
  if (!Array.isArray(c.channels)) problems.push('connection.channels is not an array');
  else {
    const open = c.channels.find((entry: unknown) => entry !== undefined && entry !== null) as Record<string, any> | undefined;
    if (open && typeof open.buffer?.write !== 'function') problems.push('connection.channels[n].buffer.write is not a function');
  }
  return problems;
}

/** What the fast publish relies on, as found on a confirm channel; empty when all is there. */
export function channelShapeProblems(channel: unknown): string[] {
  const c = channel as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (typeof c?.sendMessage !== 'function') problems.push('channel.sendMessage is not a function');
  else if ((c.sendMessage as Function).length !== 3) problems.push(`channel.sendMessage takes ${(c.sendMessage as Function).length} arguments, not 3`);
  if (typeof c?.pushConfirmCallback !== 'function') problems.push('channel.pushConfirmCallback is not a function');
  return problems;
}

/** The amqplib fast paths of one broker connection (and its reconnections). */
export class AmqplibFastPaths {
  readonly #enabled: boolean;
  readonly #logger: Logger;
  #fellBack = false;

  constructor(enabled: boolean, logger: Logger) {
    this.#enabled = enabled;
    this.#logger = logger;
  }

  /** Patches a new connection when it has the expected shape (each (re)connection, before its channels are used). */
  onConnection(connection: object): void {
    if (!this.#enabled) return;
    const problems = connectionShapeProblems(connection);
    if (problems.length > 0) {
      this.#fallBack('connection', problems);
      return;
    }
    coalesceWrites((connection as { stream: Corkable }).stream);
    encodePublishesFaster(connection);
  }

  /** How publishes go out on `channel`: the fast way when it has the expected shape, else amqplib's. */
  publisherFor(channel: ConfirmChannel): ChannelPublish {
    if (!this.#enabled) return publicPublish;
    const problems = channelShapeProblems(channel);
    if (problems.length === 0) return publishOnChannel;
    this.#fallBack('channel', problems);
    return publicPublish;
  }

  #fallBack(part: string, problems: string[]): void {
    if (this.#fellBack) return;
    this.#fellBack = true;
    this.#logger.warn({ code: amqplibFallbackCode, part, problems },
      `amqplib's ${part} is not shaped as the fast paths expect (another amqplib version?); using amqplib's public API`);
  }
}
